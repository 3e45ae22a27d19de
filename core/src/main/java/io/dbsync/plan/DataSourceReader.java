package io.dbsync.plan;

import com.databricks.sdk.service.iam.User;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Caller;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindRegistry;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.config.DataSourceDecl;
import io.dbsync.tf.expr.AttributeResolver;
import io.dbsync.tf.expr.EvalException;
import io.dbsync.tf.expr.Scope;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads data sources from the target through the kind of the same type: {@link Kind#adopt} finds the
 * object the data block's attributes describe (e.g. the group named "admins"), {@link Kind#refresh}
 * gives its attributes, and "id" is its target id. Data sources are read even with --skip-refresh,
 * as terraform does, since references need the values. databricks_current_user, which has no kind,
 * is answered from the SCIM Me endpoint.
 */
final class DataSourceReader {
  private DataSourceReader() {}

  static final String CURRENT_USER = "databricks_current_user";

  /** data.databricks_current_user: the identity the import runs as (id, user_name, home, alphanumeric). */
  private static ObjectNode currentUser(ApplyContext ctx, String address) throws PlanException {
    User me;
    try {
      me = Caller.me(ctx.client());
    } catch (RuntimeException e) {
      throw new PlanException("reading " + address + ": " + e.getMessage(), e);
    }
    String userName = me.getUserName() == null ? "" : me.getUserName();
    ObjectNode n = TfJson.object();
    n.put("id", me.getId());
    n.put("user_name", userName);
    n.put("home", "/Users/" + userName);
    n.put("alphanumeric", userName.split("@", 2)[0].replaceAll("[^A-Za-z0-9]", "_"));
    return n;
  }

  static Map<String, ObjectNode> read(Collection<String> addresses, Map<String, DataSourceDecl> declared,
                                      KindRegistry kinds, ApplyContext ctx, Scope variablesOnly)
      throws PlanException {
    Map<String, ObjectNode> out = new TreeMap<>();
    for (String address : addresses) {
      DataSourceDecl decl = declared.get(address);
      if (decl == null) {
        throw new PlanException("reference to undeclared data source " + address);
      }
      if (decl.type().equals(CURRENT_USER)) {
        out.put(address, currentUser(ctx, address));
        continue;
      }
      ObjectNode attrs;
      try {
        attrs = AttributeResolver.resolve(decl.attrs(), variablesOnly, address);
      } catch (EvalException e) {
        throw new PlanException(e.getMessage(), e);
      }
      Kind kind = kinds.forObject(decl.type(), null, attrs).orElseThrow(() ->
          new PlanException(address + " (" + decl.file() + "): no kind handles type " + decl.type()));
      try {
        Optional<String> id = kind.adopt(ctx, attrs);
        if (id.isEmpty()) {
          throw new PlanException(address + ": no object in the target matches " + attrs);
        }
        ObjectNode value = kind.refresh(ctx, id.get()).orElse(attrs.objectNode());
        Iterator<Map.Entry<String, JsonNode>> it = attrs.properties().iterator();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!value.has(e.getKey())) {
            value.set(e.getKey(), e.getValue());
          }
        }
        value.put("id", id.get());
        out.put(address, value);
      } catch (PlanException e) {
        throw e;
      } catch (Exception e) {
        throw new PlanException("reading " + address + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
