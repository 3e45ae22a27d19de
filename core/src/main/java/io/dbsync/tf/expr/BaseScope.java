package io.dbsync.tf.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/** Variables, data sources and path.module, shared by the plan-time and apply-time scopes. */
public abstract class BaseScope implements Scope {
  private final Map<String, JsonNode> variables;
  private final Map<String, ObjectNode> dataSources;
  private final String pathModule;

  protected BaseScope(Map<String, JsonNode> variables, Map<String, ObjectNode> dataSources, String pathModule) {
    this.variables = variables;
    this.dataSources = dataSources;
    this.pathModule = pathModule;
  }

  @Override
  public JsonNode variable(String name) throws EvalException {
    JsonNode v = variables.get(name);
    if (v == null) {
      throw new EvalException("variable \"" + name + "\" has no value");
    }
    return v;
  }

  @Override
  public JsonNode dataAttribute(String type, String name, String attr) throws EvalException {
    String address = "data." + type + "." + name;
    ObjectNode d = dataSources.get(address);
    if (d == null) {
      throw new EvalException(address + " was not read (not declared?)");
    }
    JsonNode v = d.get(attr);
    if (v == null || v.isNull()) {
      throw new EvalException(address + " has no attribute \"" + attr + "\"");
    }
    return v;
  }

  @Override
  public String pathModule() {
    return pathModule;
  }
}
