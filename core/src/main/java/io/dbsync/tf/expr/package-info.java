/**
 * The small subset of terraform's expression language that exports use
 * ({@link io.dbsync.tf.expr.Expressions}): references, literals, comparisons, boolean operators and the
 * conditional, evaluated against a {@link io.dbsync.tf.expr.Scope}; {@link io.dbsync.tf.expr.Unknown}
 * stands for values known only after apply.
 */
package io.dbsync.tf.expr;
