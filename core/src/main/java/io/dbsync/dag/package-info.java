/**
 * A generic dependency-graph walker: {@link io.dbsync.dag.DagExecutor} runs one task per node once its
 * dependencies succeeded, a bounded number at a time, and skips the dependents of a failed node. Used
 * to refresh, plan and apply.
 */
package io.dbsync.dag;
