package io.dbsync.tf.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dbsync.tf.Templates;
import io.dbsync.tf.expr.EvalException;
import io.dbsync.tf.expr.Expressions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a set of attribute trees refers to, as the expression parser reads it (so what orders the DAG
 * is exactly what the evaluator resolves): resource addresses, variable names, data source addresses.
 */
public final class ConfigRefs {
  /** Roots of references that are not resources. */
  private static final Set<String> NOT_RESOURCES = Set.of("var", "path", "data", "local", "module", "each", "count");

  private ConfigRefs() {}

  /** "type.name" addresses of the resources referred to, in order of appearance. */
  public static Set<String> resources(JsonNode attrs, String where) throws ConfigException {
    Set<String> out = new LinkedHashSet<>();
    for (List<String> ref : references(attrs, where)) {
      if (ref.size() >= 2 && !NOT_RESOURCES.contains(ref.get(0))) {
        out.add(ref.get(0) + "." + ref.get(1));
      }
    }
    return out;
  }

  public static Set<String> variables(JsonNode attrs, String where) throws ConfigException {
    Set<String> out = new TreeSet<>();
    for (List<String> ref : references(attrs, where)) {
      if (ref.size() == 2 && ref.get(0).equals("var")) {
        out.add(ref.get(1));
      }
    }
    return out;
  }

  /** "data.type.name" addresses. */
  public static Set<String> dataSources(JsonNode attrs, String where) throws ConfigException {
    Set<String> out = new TreeSet<>();
    for (List<String> ref : references(attrs, where)) {
      if (ref.size() >= 3 && ref.get(0).equals("data")) {
        out.add("data." + ref.get(1) + "." + ref.get(2));
      }
    }
    return out;
  }

  private static List<List<String>> references(JsonNode attrs, String where) throws ConfigException {
    List<List<String>> out = new ArrayList<>();
    collect(attrs, where, out);
    return out;
  }

  private static void collect(JsonNode n, String where, List<List<String>> out) throws ConfigException {
    if (n.isTextual()) {
      if (Templates.hasTemplateSequence(n.asText())) {
        try {
          out.addAll(Expressions.references(n.asText()));
        } catch (EvalException e) {
          throw new ConfigException(where + ": " + e.getMessage(), e);
        }
      }
      return;
    }
    if (n.isObject()) {
      var it = n.fieldNames();
      while (it.hasNext()) {
        String key = it.next();
        if (Templates.hasTemplateSequence(key)) {
          collect(TextNode.valueOf(key), where, out);
        }
      }
    }
    for (JsonNode child : n) {
      collect(child, where, out);
    }
  }
}
