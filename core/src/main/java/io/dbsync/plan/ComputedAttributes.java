package io.dbsync.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindRegistry;
import io.dbsync.tf.expr.EvalException;

import java.io.IOException;

/**
 * References to attributes that only the target knows (Terraform's computed attributes, e.g.
 * {@code databricks_mlflow_model.registered_model_id}): neither the configuration nor the state holds
 * them, so they are asked of the kind ({@link Kind#computedAttribute}) with the target id.
 */
public final class ComputedAttributes {
  private final KindRegistry kinds;
  private final KindContext ctx;

  public ComputedAttributes(KindRegistry kinds, KindContext ctx) {
    this.kinds = kinds;
    this.ctx = ctx;
  }

  /**
   * The attribute {@code attr} of the target object {@code id} of {@code type}.
   *
   * @param missing the message when the kind has no such attribute
   */
  JsonNode of(String address, String type, String id, String attr, String missing) throws EvalException {
    Kind kind = kinds.forObject(type, id, null).orElse(null);
    JsonNode v;
    try {
      v = kind == null ? null : kind.computedAttribute(ctx, id, attr);
    } catch (IOException | RuntimeException e) {
      throw new EvalException(address + "." + attr + ": " + (Rest.isNotFound(e)
          ? "the object no longer exists in the target" : e.getMessage()));
    }
    if (v == null || v.isNull()) {
      throw new EvalException(missing);
    }
    return v;
  }
}
