package io.dbsync.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.TfJson;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Variables kinds declared during the run (Rendering.variable). Values are never written: the
 * importer supplies them. When several objects declare the same variable the declarations merge
 * deterministically (sensitive if any says so, the smallest description and default) so output
 * does not depend on thread timing. A default (the source's value of a location, say) is written as
 * the variable's {@code default}.
 */
final class VariableDeclarations {
  record Decl(String description, boolean sensitive, String defaultValue) {
    Decl merge(Decl other) {
      return new Decl(smaller(description, other.description), sensitive || other.sensitive,
          smaller(defaultValue, other.defaultValue));
    }

    private static String smaller(String a, String b) {
      return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
    }

    ObjectNode toJson() {
      ObjectNode n = TfJson.object();
      n.put("type", "string");
      if (description != null && !description.isEmpty()) {
        n.put("description", description);
      }
      if (defaultValue != null) {
        n.put("default", defaultValue);
      }
      if (sensitive) {
        n.put("sensitive", true);
      }
      return n;
    }
  }

  private final Map<String, Decl> declared = new ConcurrentHashMap<>();

  /** Declares a variable; {@code defaultValue} null means the importer must supply a value. */
  void declare(String name, String description, boolean sensitive, String defaultValue) {
    declared.merge(name, new Decl(description, sensitive, defaultValue), Decl::merge);
  }

  /**
   * The variable block for the names referenced in the final tree: this run's declaration, else the
   * previous run's (kept files may use it), else a bare string variable.
   */
  ObjectNode document(Iterable<String> referenced, JsonNode previous, List<String> undeclared) {
    Map<String, JsonNode> out = new TreeMap<>();
    for (String name : referenced) {
      Decl d = declared.get(name);
      JsonNode old = previous == null ? null : previous.path("variable").get(name);
      if (d != null) {
        out.put(name, d.toJson());
      } else if (old != null && old.isObject()) {
        out.put(name, old);
      } else {
        undeclared.add(name);
        out.put(name, new Decl(null, false, null).toJson());
      }
    }
    ObjectNode doc = TfJson.object();
    ObjectNode vars = doc.putObject("variable");
    out.forEach(vars::set);
    return doc;
  }
}
