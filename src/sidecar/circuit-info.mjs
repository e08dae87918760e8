// Reads a Varuna verifying key's circuit information.
//
// The serialized verifying key starts with a version byte followed by little-endian u64s:
// public inputs, variables, constraints and the non-zero entries of the A, B and C matrices.
// The largest of these decides the evaluation domains and so the SRS degree a circuit needs,
// which is what tells whether a circuit fits the parameters available offline.

const FIELDS = ['publicInputs', 'variables', 'constraints', 'nonZeroA', 'nonZeroB', 'nonZeroC'];

export function circuitInfo(verifyingKeyBytes) {
  const view = new DataView(verifyingKeyBytes.buffer, verifyingKeyBytes.byteOffset, verifyingKeyBytes.byteLength);
  const info = { vkVersion: view.getUint8(0) };
  FIELDS.forEach((name, i) => {
    info[name] = Number(view.getBigUint64(1 + 8 * i, true));
  });
  const largest = Math.max(info.variables, info.constraints, info.nonZeroA, info.nonZeroB, info.nonZeroC);
  // An estimate: the smallest power of two holding the largest domain, which matched the
  // powers-of-beta file snarkVM requested for every probe measured (see docs/SIDECAR.md).
  info.srsDegreeLog2 = Math.ceil(Math.log2(largest));
  return info;
}
