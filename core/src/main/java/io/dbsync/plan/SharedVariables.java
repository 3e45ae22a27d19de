package io.dbsync.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindRegistry;
import io.dbsync.tf.config.ConfigException;
import io.dbsync.tf.config.ConfigRefs;
import io.dbsync.tf.config.DataSourceDecl;
import io.dbsync.tf.config.DesiredConfig;
import io.dbsync.tf.config.DesiredResource;
import io.dbsync.tf.config.ResolvedVariables;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Variables that only objects the target shares with the source use ({@link Kind#sharedWithSource}: a
 * Unity Catalog metastore both workspaces are attached to). Those objects are adopted as they are and
 * never written, so their secrets (a connection's password) need no value at import: an unset one is
 * null for them instead of an error.
 */
public final class SharedVariables {
  private SharedVariables() {}

  /** Variables the selected shared resources use and no other selected resource does. */
  public static Set<String> onlyShared(DesiredConfig selected, KindRegistry kinds, ApplyContext ctx)
      throws ConfigException, IOException {
    Set<String> shared = new HashSet<>();
    Set<String> others = new HashSet<>();
    Set<String> data = new HashSet<>();
    for (DesiredResource r : selected.resources()) {
      Optional<Kind> kind = kinds.forObject(r.type(), null, r.attrs());
      boolean isShared = kind.isPresent() && kind.get().sharedWithSource(ctx, r.attrs());
      (isShared ? shared : others).addAll(ConfigRefs.variables(r.attrs(), r.address()));
      data.addAll(ConfigRefs.dataSources(r.attrs(), r.address()));
    }
    for (String d : data) {
      DataSourceDecl decl = selected.dataSources().get(d);
      if (decl != null) {
        others.addAll(ConfigRefs.variables(decl.attrs(), d)); // data sources are read either way
      }
    }
    shared.removeAll(others);
    return shared;
  }

  /** The variables with null for each of {@code names} that has no value. */
  public static ResolvedVariables nullIfUnset(ResolvedVariables vars, Set<String> names) {
    Map<String, JsonNode> values = new HashMap<>(vars.values());
    names.forEach(n -> values.putIfAbsent(n, NullNode.getInstance()));
    return new ResolvedVariables(values, vars.sensitive(), vars.passive());
  }
}
