/** Types of the parts of `density-clustering` (1.3.0, plain JavaScript) used by cluster-texts.ts. */
declare module "density-clustering" {
  export class DBSCAN {
    /** Clusters as lists of point indexes; `noise` holds the rest. `distance` replaces the Euclidean default. */
    run<T>(dataset: T[], epsilon: number, minPts: number, distance?: (a: T, b: T) => number): number[][];
    noise: number[];
  }
}
