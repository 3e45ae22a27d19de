package io.dbsync.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.Cloud;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.config.DesiredConfig;

import java.util.List;

/**
 * The outcome of {@link Mapping#translate}: the configuration to plan, what the mapping changed
 * ({@code applied}, one line per kind of change), the resources left out ({@code dropped}, "address:
 * reason"), and what the mapping lacks ({@code needs}: nothing may be written while it is not empty).
 */
public record Translation(DesiredConfig config, Cloud sourceCloud, Cloud targetCloud, List<String> applied,
                          List<String> dropped, List<Need> needs) {
  public Translation {
    applied = List.copyOf(applied);
    dropped = List.copyOf(dropped);
    needs = List.copyOf(needs);
  }

  /** The same outcome without the configuration (null): for a report that outlives it, as assess's. */
  public Translation withoutConfig() {
    return new Translation(null, sourceCloud, targetCloud, applied, dropped, needs);
  }

  /** True when the mapping changed nothing. */
  public boolean unchanged() {
    return applied.isEmpty() && dropped.isEmpty();
  }

  /** "Mapping applied (aws -> azure):" and one indented line per change and per dropped resource; "" when unchanged. */
  public String text() {
    if (unchanged()) {
      return "";
    }
    StringBuilder b = new StringBuilder("Mapping applied").append(clouds()).append(":\n");
    applied.forEach(line -> b.append("  ").append(line).append('\n'));
    dropped.forEach(line -> b.append("  left out ").append(line).append('\n'));
    return b.append('\n').toString();
  }

  /** The needs as one message: a line per need, each with the entry to add. */
  public String needsMessage() {
    StringBuilder b = new StringBuilder("the mapping is missing " + needs.size() + " entr"
        + (needs.size() == 1 ? "y" : "ies") + clouds() + "; nothing was written:");
    needs.forEach(n -> b.append("\n  ").append(n));
    return b.toString();
  }

  /** {source_cloud, target_cloud, applied: [...], dropped: [...], needs: [{what, entry, where}]}. */
  public ObjectNode json() {
    ObjectNode o = TfJson.object();
    if (sourceCloud != null) {
      o.put("source_cloud", sourceCloud.id());
    }
    if (targetCloud != null) {
      o.put("target_cloud", targetCloud.id());
    }
    applied.forEach(o.putArray("applied")::add);
    dropped.forEach(o.putArray("dropped")::add);
    var needsArray = o.putArray("needs");
    for (Need n : needs) {
      ObjectNode x = needsArray.addObject().put("what", n.what()).put("entry", n.entry());
      n.where().forEach(x.putArray("where")::add);
    }
    return o;
  }

  private String clouds() {
    return sourceCloud != null && targetCloud != null && sourceCloud != targetCloud
        ? " (" + sourceCloud.id() + " -> " + targetCloud.id() + ")" : "";
  }
}
