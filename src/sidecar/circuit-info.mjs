// Reads a Varuna verifying key's circuit information.
//
// The serialized verifying key starts with a version byte followed by little-endian u64s:
// public inputs, variables, constraints and the non-zero entries of the A, B and C matrices.
// They decide the evaluation domains and so the SRS degree a circuit needs, which is what tells
// whether a circuit fits the parameters available offline.

const FIELDS = ['publicInputs', 'variables', 'constraints', 'nonZeroA', 'nonZeroB', 'nonZeroC'];

export function circuitInfo(verifyingKeyBytes) {
  const view = new DataView(verifyingKeyBytes.buffer, verifyingKeyBytes.byteOffset, verifyingKeyBytes.byteLength);
  const info = { vkVersion: view.getUint8(0) };
  FIELDS.forEach((name, i) => {
    info[name] = Number(view.getBigUint64(1 + 8 * i, true));
  });
  // Varuna's indexer loads max_degree + 1 powers of beta, where (algorithms/src/snark/varuna/ahp/ahp.rs,
  // AHPForR1CS::max_degree, zero-knowledge bound 1, every domain the next power of two of its count)
  // max_degree = max(2 |constraint domain|, 2 |variable domain|, |variable domain| + 3, |largest non-zero domain| - 1).
  // Same rule as the Java CircuitInfo.srsDegreeLog2.
  const domain = (n) => 2 ** Math.ceil(Math.log2(Math.max(1, n)));
  const nonZero = domain(Math.max(info.nonZeroA, info.nonZeroB, info.nonZeroC));
  const maxDegree = Math.max(2 * domain(info.constraints), 2 * domain(info.variables), domain(info.variables) + 3, nonZero - 1);
  info.srsDegreeLog2 = Math.ceil(Math.log2(maxDegree + 1));
  return info;
}
