package io.dbsync.tf.expr;

import com.fasterxml.jackson.databind.JsonNode;

/** What the names in an interpolation resolve to. Values may be {@link Unknown#NODE}. */
public interface Scope {
  /** {@code var.NAME}. */
  JsonNode variable(String name) throws EvalException;

  /** {@code TYPE.NAME.ATTR} ("id" is the target id). */
  JsonNode resourceAttribute(String type, String name, String attr) throws EvalException;

  /** {@code data.TYPE.NAME.ATTR}. */
  JsonNode dataAttribute(String type, String name, String attr) throws EvalException;

  /** {@code path.module}: the exports directory. */
  String pathModule();
}
