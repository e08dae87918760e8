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
  info.srsDegreeLog2 = srsDegreeLog2(info);
  return info;
}

/**
 * log2 of the powers-of-beta file Varuna loads: max_degree + 1 powers, where
 * (algorithms/src/snark/varuna/ahp/ahp.rs, AHPForR1CS::max_degree, zero-knowledge bound 1, every
 * domain the next power of two of its count) max_degree = max(2 |constraint domain|,
 * 2 |variable domain|, |variable domain| + 3, |largest non-zero domain| - 1).
 * Same rule as the Java CircuitInfo.srsDegreeLog2.
 */
export function srsDegreeLog2({ constraints, variables, nonZeroA, nonZeroB, nonZeroC }) {
  const domain = (n) => 2 ** Math.ceil(Math.log2(Math.max(1, n)));
  const nonZero = domain(Math.max(nonZeroA, nonZeroB, nonZeroC));
  const maxDegree = Math.max(2 * domain(constraints), 2 * domain(variables), domain(variables) + 3, nonZero - 1);
  return Math.ceil(Math.log2(maxDegree + 1));
}
