export type { Assignment, AssignmentMetrics, CohortInstance, SolveOptions } from './types';
export { solveOptimal } from './optimal';
export { solveStable } from './stable';
export { solveGreedy } from './greedy';
export { assignmentMetrics, countBlockingPairs } from './metrics';
export { solveOptimalCertified, type CertificateStats, type CertifiedAssignment, type LeftOutPairs } from './certified';
