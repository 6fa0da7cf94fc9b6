/** Whether an iterative solver converged, and how many iterations it took. */
export interface SolverStatus {
  converged: boolean;
  iterations: number;
}
