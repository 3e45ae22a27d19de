package io.dbsync.tf.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Variable values, by Terraform's precedence (later wins): the declared default, TF_VAR_<name> in the
 * environment, variable files in the order given, then --var name=value. Only variables the selected
 * resources use must have a value (so importing cluster policies does not ask for secret values); a
 * used variable without one is an error naming it. A --var for an undeclared variable is an error;
 * values for undeclared variables in files are ignored with a warning (TF_VAR_ ones silently, the
 * environment is full of those), but PASSIVE is honoured even undeclared.
 */
public final class VariableResolver {
  public static final String ENV_PREFIX = "TF_VAR_";
  public static final String PASSIVE = "PASSIVE";

  private VariableResolver() {}

  /**
   * @param declared  variable blocks of the revision
   * @param used      names the selected resources and data sources refer to
   * @param env       the process environment (injectable for tests)
   * @param varFiles  terraform.tfvars / *.tfvars.json files, in order
   * @param overrides --var values
   * @param warnings  receives warnings
   */
  public static ResolvedVariables resolve(Map<String, VariableDecl> declared, Collection<String> used,
                                          Map<String, String> env, List<Path> varFiles,
                                          Map<String, String> overrides, List<String> warnings)
      throws ConfigException {
    Map<String, String> provided = new HashMap<>();
    env.forEach((k, v) -> {
      if (k.startsWith(ENV_PREFIX) && k.length() > ENV_PREFIX.length()) {
        provided.put(k.substring(ENV_PREFIX.length()), v);
      }
    });
    for (Path f : varFiles) {
      Map<String, String> values = TfVarsFiles.read(f);
      for (String name : values.keySet()) {
        if (!declared.containsKey(name) && !name.equals(PASSIVE)) {
          warnings.add("variable \"" + name + "\" set in " + f + " is not declared by the export; ignored");
        }
      }
      provided.putAll(values);
    }
    Set<String> unknown = new TreeSet<>();
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      if (!declared.containsKey(e.getKey()) && !e.getKey().equals(PASSIVE)) {
        unknown.add(e.getKey());
      }
      provided.put(e.getKey(), e.getValue());
    }
    if (!unknown.isEmpty()) {
      // as terraform: a value given on the command line for a variable the revision does not declare
      // is a mistake (a typo), not something to ignore (review D18)
      throw new ConfigException("--var for undeclared variable(s): " + String.join(", ", unknown)
          + " (the revision declares " + (declared.isEmpty() ? "no variables" : String.join(", ", new TreeSet<>(declared.keySet()))) + ")");
    }

    Map<String, JsonNode> values = new HashMap<>();
    Set<String> sensitive = new HashSet<>();
    Set<String> missing = new TreeSet<>();
    for (VariableDecl d : declared.values()) {
      if (d.sensitive()) {
        sensitive.add(d.name());
      }
      String raw = provided.get(d.name());
      if (raw != null) {
        values.put(d.name(), typed(d, raw));
      } else if (d.defaultValue() != null) {
        JsonNode dv = d.defaultValue();
        values.put(d.name(), dv.isValueNode() && !dv.isNull() ? typed(d, dv.asText()) : dv);
      } else if (used.contains(d.name())) {
        missing.add(d.name());
      }
    }
    Set<String> undeclared = new TreeSet<>(used);
    undeclared.removeAll(declared.keySet());
    if (!undeclared.isEmpty()) {
      throw new ConfigException("reference to undeclared variable(s): " + String.join(", ", undeclared));
    }
    if (!missing.isEmpty()) {
      List<String> hints = new ArrayList<>();
      missing.forEach(m -> hints.add(ENV_PREFIX + m));
      throw new ConfigException("no value for required variable(s): " + String.join(", ", missing)
          + " (set " + String.join(", ", hints) + ", pass a variables file or --var NAME=VALUE)");
    }
    JsonNode passiveValue = values.get(PASSIVE);
    String passiveText = passiveValue != null && passiveValue.isValueNode() ? passiveValue.asText()
        : provided.get(PASSIVE);
    boolean passive = passiveText != null && (passiveText.equalsIgnoreCase("true") || passiveText.equals("1"));
    return new ResolvedVariables(values, sensitive, passive);
  }

  private static JsonNode typed(VariableDecl d, String raw) throws ConfigException {
    String type = d.type() == null ? "string" : d.type();
    switch (type) {
      case "bool" -> {
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
          return BooleanNode.valueOf(raw.equalsIgnoreCase("true"));
        }
        throw new ConfigException("variable " + d.name() + " is a bool, got \"" + (d.sensitive() ? "(sensitive value)" : raw) + "\"");
      }
      case "number" -> {
        try {
          return DecimalNode.valueOf(new BigDecimal(raw.strip()));
        } catch (NumberFormatException e) {
          throw new ConfigException("variable " + d.name() + " is a number, got \"" + (d.sensitive() ? "(sensitive value)" : raw) + "\"");
        }
      }
      default -> {
        return TextNode.valueOf(raw);
      }
    }
  }
}
