package io.dbsync.tf.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the *.tf.json files of an exports directory: exports/*.tf.json and exports/<dir>/*.tf.json
 * (deeper files are artifacts under <dir>/data/ and never config). Keeps resource, data and variable
 * blocks; terraform, provider, output and other top-level blocks are ignored. Meta-arguments:
 * depends_on adds references, lifecycle and provider are dropped, count/for_each are rejected.
 * Identical duplicate data/variable blocks (several files may carry data.databricks_group.admins) merge;
 * conflicting duplicates and any duplicate resource are errors naming both files. Every resource is
 * checked against its type's {@link ResourceSchemas schema}.
 */
public final class ConfigReader {
  private ConfigReader() {}

  public static DesiredConfig read(Path exportsDir) throws ConfigException {
    return read(exportsDir, true);
  }

  /**
   * @param checkSchemas check every resource against the provider schema of its type (off only for
   *                     engines driven by test kinds whose attributes are not the provider's)
   */
  public static DesiredConfig read(Path exportsDir, boolean checkSchemas) throws ConfigException {
    Path root = exportsDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new ConfigException("exports directory " + root + " does not exist");
    }
    return read(RevisionFiles.directory(root), checkSchemas);
  }

  /** The config of a revision's files (a folder, or a git revision read from its objects). */
  public static DesiredConfig read(RevisionFiles revision) throws ConfigException {
    return read(revision, true);
  }

  /** {@link #read(RevisionFiles)}; {@code checkSchemas} as {@link #read(Path, boolean)}. */
  public static DesiredConfig read(RevisionFiles revision, boolean checkSchemas) throws ConfigException {
    Path root = revision.root();
    List<String> files;
    try {
      files = revision.configFiles();
    } catch (IOException e) {
      throw new ConfigException("cannot list the configuration files: " + e.getMessage(), e);
    }
    Map<String, DesiredResource> resources = new TreeMap<>();
    Map<String, VariableDecl> variables = new TreeMap<>();
    Map<String, Path> variableFiles = new TreeMap<>();
    Map<String, DataSourceDecl> data = new TreeMap<>();
    for (String rel : files) {
      readFile(revision, rel, resources, variables, variableFiles, data, checkSchemas);
    }
    return new DesiredConfig(root, PrincipalDependencies.add(new ArrayList<>(resources.values())), variables, data);
  }

  private static void readFile(RevisionFiles revision, String rel, Map<String, DesiredResource> resources,
                               Map<String, VariableDecl> variables, Map<String, Path> variableFiles,
                               Map<String, DataSourceDecl> data, boolean checkSchemas) throws ConfigException {
    Path root = revision.root();
    Path f = root.resolve(rel);
    byte[] bytes;
    try (InputStream in = revision.open(rel)) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new ConfigException("cannot read " + rel + ": " + e.getMessage(), e);
    }
    JsonNode doc;
    try {
      doc = TfJson.read(bytes);
    } catch (IOException e) {
      throw new ConfigException(rel + ": not valid JSON: " + e.getMessage(), e);
    }
    if (doc == null || !doc.isObject()) {
      throw new ConfigException(rel + ": top level is not a JSON object");
    }
    int slash = rel.lastIndexOf('/');
    String dir = slash < 0 ? null : rel.substring(0, slash);
    for (JsonNode block : blocks(doc.get("resource"), rel, "resource")) {
      forEachTypeAndName(block, rel, "resource", (type, name, body) -> {
        DesiredResource r = resource(type, name, body, dir, f, rel, checkSchemas);
        DesiredResource prev = resources.putIfAbsent(r.address(), r);
        if (prev != null) {
          throw new ConfigException("resource " + r.address() + " is declared twice: in "
              + root.relativize(prev.file()) + " and in " + rel);
        }
      });
    }
    for (JsonNode block : blocks(doc.get("data"), rel, "data")) {
      forEachTypeAndName(block, rel, "data", (type, name, body) -> {
        DataSourceDecl d = new DataSourceDecl(type, name, body.deepCopy(), f);
        DataSourceDecl prev = data.putIfAbsent(d.address(), d);
        if (prev != null && !prev.attrs().equals(d.attrs())) {
          throw new ConfigException(d.address() + " is declared differently in "
              + root.relativize(prev.file()) + " and in " + rel);
        }
      });
    }
    for (JsonNode block : blocks(doc.get("variable"), rel, "variable")) {
      Iterator<Map.Entry<String, JsonNode>> it = block.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isObject()) {
          throw new ConfigException(rel + ": variable " + e.getKey() + " is not an object");
        }
        VariableDecl v = variable(e.getKey(), e.getValue());
        VariableDecl prev = variables.putIfAbsent(v.name(), v);
        if (prev != null && !prev.equals(v)) {
          throw new ConfigException("variable " + v.name() + " is declared differently in "
              + root.relativize(variableFiles.get(v.name())) + " and in " + rel);
        }
        variableFiles.putIfAbsent(v.name(), f);
      }
    }
  }


  /** A block value may be an object or (Terraform JSON allows it) an array of objects. */
  private static List<JsonNode> blocks(JsonNode node, String rel, String what) throws ConfigException {
    List<JsonNode> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isObject()) {
      out.add(node);
    } else if (node.isArray()) {
      for (JsonNode x : node) {
        if (!x.isObject()) {
          throw new ConfigException(rel + ": \"" + what + "\" array holds a non-object");
        }
        out.add(x);
      }
    } else {
      throw new ConfigException(rel + ": \"" + what + "\" is not an object");
    }
    return out;
  }

  @FunctionalInterface
  private interface BodyConsumer {
    void accept(String type, String name, ObjectNode body) throws ConfigException;
  }

  private static void forEachTypeAndName(JsonNode block, String rel, String what, BodyConsumer c)
      throws ConfigException {
    Iterator<Map.Entry<String, JsonNode>> types = block.properties().iterator();
    while (types.hasNext()) {
      Map.Entry<String, JsonNode> t = types.next();
      if (!t.getValue().isObject()) {
        throw new ConfigException(rel + ": " + what + " type " + t.getKey() + " is not an object");
      }
      Iterator<Map.Entry<String, JsonNode>> names = t.getValue().properties().iterator();
      while (names.hasNext()) {
        Map.Entry<String, JsonNode> n = names.next();
        JsonNode body = n.getValue();
        if (body.isArray() && body.size() == 1 && body.get(0).isObject()) {
          body = body.get(0);
        }
        if (!body.isObject()) {
          throw new ConfigException(rel + ": " + what + " " + t.getKey() + "." + n.getKey() + " is not an object");
        }
        c.accept(t.getKey(), n.getKey(), (ObjectNode) body);
      }
    }
  }

  private static DesiredResource resource(String type, String name, ObjectNode body, String dir, Path f,
                                          String rel, boolean checkSchemas) throws ConfigException {
    ObjectNode attrs = body.deepCopy();
    for (String unsupported : List.of("count", "for_each")) {
      if (attrs.has(unsupported)) {
        throw new ConfigException(rel + ": " + type + "." + name + " uses \"" + unsupported
            + "\", which the built-in engine does not support");
      }
    }
    Set<String> refs = new LinkedHashSet<>();
    JsonNode dependsOn = attrs.remove("depends_on");
    if (dependsOn != null) {
      for (JsonNode d : dependsOn) {
        String s = d.asText();
        if (s.startsWith("${") && s.endsWith("}")) {
          s = s.substring(2, s.length() - 1);
        }
        if (!s.startsWith("data.")) {
          refs.add(s);
        }
      }
    }
    attrs.remove("lifecycle");
    attrs.remove("provider");
    if (checkSchemas) {
      ResourceSchemas.check(type, name, attrs, rel);
    }
    refs.addAll(ConfigRefs.resources(attrs, rel + ": " + type + "." + name));
    refs.remove(type + "." + name);
    return new DesiredResource(type, name, attrs, new ArrayList<>(refs), dir, f);
  }

  private static VariableDecl variable(String name, JsonNode body) {
    String type = body.hasNonNull("type") ? body.get("type").asText() : null;
    if (type != null && type.startsWith("${") && type.endsWith("}")) {
      type = type.substring(2, type.length() - 1);
    }
    JsonNode dflt = body.has("default") ? body.get("default") : null;
    return new VariableDecl(name, type, dflt, body.path("sensitive").asBoolean(false),
        body.hasNonNull("description") ? body.get("description").asText() : null);
  }
}
