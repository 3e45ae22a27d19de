package io.dbsync.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.Templates;
import io.dbsync.tf.TfJson;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Variables kinds declared during the run (Rendering.variable, Rendering.variableWithDefault). Values
 * are never written, except the source's value as the default of an overridable variable (a storage
 * path, a cloud identity; never a secret): the importer supplies the rest. When several objects
 * declare the same variable the declarations merge deterministically (sensitive if any says so, the
 * smallest description and default) so output does not depend on thread timing.
 */
final class VariableDeclarations {
  record Decl(String description, boolean sensitive, String defaultValue) {
    Decl merge(Decl other) {
      boolean secret = sensitive || other.sensitive;
      return new Decl(smallest(description, other.description), secret,
          secret ? null : smallest(defaultValue, other.defaultValue));
    }

    private static String smallest(String a, String b) {
      return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
    }

    ObjectNode toJson() {
      ObjectNode n = TfJson.object();
      n.put("type", "string");
      if (description != null && !description.isEmpty()) {
        n.put("description", Templates.escape(description)); // terraform reads descriptions as templates
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

  /**
   * Declares a variable; {@code defaultValue} null means the importer must supply a value (a
   * sensitive variable never keeps one).
   */
  void declare(String name, String description, boolean sensitive, String defaultValue) {
    declared.merge(name, new Decl(description, sensitive, sensitive ? null : defaultValue), Decl::merge);
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
