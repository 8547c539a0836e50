export type { Assignment, AssignmentMetrics, Candidate, CandidateLists, CohortInstance, PackedCandidates, SolveOptions } from './types';
export { packedCandidates, unpackCandidates } from './candidates';
export { solveOptimal } from './optimal';
export { solveStable } from './stable';
export { solveGreedy } from './greedy';
export { assignmentMetrics, countBlockingPairs } from './metrics';
export { DEFAULT_SOLVE_LENGTH, solveOptimalCertified, type CertificateStats, type CertifiedAssignment, type CertifiedSolveOptions, type LeftOutPairs } from './certified';
export { selectLargest } from './select';
