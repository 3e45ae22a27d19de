package io.dbsync.plan;

/** What the apply does with one resource. */
public enum Action {
  /** In sync: nothing to do. */
  NOOP,
  /** Not in the target: create it. */
  CREATE,
  /** Differs, attributes updatable in place. */
  UPDATE,
  /** Differs in an attribute that forces replace: delete, then create. */
  REPLACE,
  /** In state but no longer desired (or --destroy): delete it. */
  DELETE,
  /**
   * Not in state but already in the target (built-in, or created by an interrupted run): record its
   * id in state, and update it in place if it differs.
   */
  ADOPT,
  /**
   * In state but no longer desired (or --destroy), and adopted: it existed in the target before the
   * import took it over (a built-in, a pre-existing object), so it is only forgotten, never deleted.
   */
  RELEASE
}
