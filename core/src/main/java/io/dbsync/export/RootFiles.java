package io.dbsync.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.report.Problem;
import io.dbsync.tf.Cloud;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;

/**
 * exports/variables.tf.json (every ${var.x} the tree uses) and exports/main.tf.json (provider, data
 * sources in use, the source's cloud as {@code locals.source_cloud}), written from what the final tree refers to, so files kept from earlier runs count too
 * (files this run wrote are not read again: their references were noted as they were written).
 */
final class RootFiles {
  /** Data sources for built-in objects kinds may refer to, with the arguments that select them. */
  private static final Map<String, String> BUILT_IN_GROUPS = Map.of("admins", "admins", "users", "users");

  private RootFiles() {}

  /** @param refs what the tree's other *.tf.json files refer to ({@link ExportTree#treeReferences}) */
  static void write(Path exportsDir, ExportTree.References refs, VariableDeclarations variables,
                    Queue<Problem> warnings, String providerVersion, Optional<Cloud> sourceCloud) throws IOException {
    Path mainFile = exportsDir.resolve(ExportPaths.MAIN);
    Path varsFile = exportsDir.resolve(ExportPaths.VARIABLES);
    writeVariables(varsFile, refs, variables, warnings);
    writeMain(mainFile, refs, warnings, providerVersion, sourceCloud);
  }

  private static void writeVariables(Path varsFile, ExportTree.References refs, VariableDeclarations variables,
                                     Queue<Problem> warnings) throws IOException {
    JsonNode previousVars = readOrNull(varsFile);
    if (refs.variables.isEmpty()) {
      Files.deleteIfExists(varsFile);
      return;
    }
    List<String> undeclared = new ArrayList<>();
    ObjectNode doc = variables.document(refs.variables, previousVars, undeclared);
    for (String v : undeclared) {
      warnings.add(new Problem(null, null, "variable " + v + " is used but no kind declared it; declared as a plain string"));
    }
    ExportTree.writeIfChanged(varsFile, TfJson.writeBytes(doc));
  }

  private static void writeMain(Path mainFile, ExportTree.References refs, Queue<Problem> warnings,
                                String providerVersion, Optional<Cloud> sourceCloud) throws IOException {
    JsonNode previousMain = readOrNull(mainFile);
    ObjectNode main = TfJson.object();
    // the cloud an import compares with its target's (cross-cloud mapping); an undetectable cloud keeps the last one
    Optional<Cloud> cloud = sourceCloud.isPresent() ? sourceCloud : Cloud.recordedIn(previousMain);
    cloud.ifPresent(c -> main.putObject("locals").put(Cloud.SOURCE_LOCAL, c.id()));
    ObjectNode provider = main.putObject("terraform").putObject("required_providers").putObject("databricks");
    provider.put("source", "databricks/databricks");
    if (providerVersion != null && !providerVersion.isBlank()) {
      provider.put("version", providerVersion);
    }
    main.putObject("provider").putObject("databricks");
    ObjectNode data = TfJson.object();
    for (String address : refs.dataSources) {
      int dot = address.indexOf('.');
      String type = address.substring(0, dot);
      String name = address.substring(dot + 1);
      ObjectNode block = dataSource(type, name);
      JsonNode old = previousMain == null ? null : previousMain.path("data").path(type).get(name);
      if (block == null && old != null && old.isObject()) {
        block = (ObjectNode) old;
      }
      if (block == null) {
        warnings.add(new Problem(type, name, "data source data." + address + " is referenced but not known; not declared"));
        continue;
      }
      ObjectNode byType = data.has(type) ? (ObjectNode) data.get(type) : data.putObject(type);
      byType.set(name, block);
    }
    if (!data.isEmpty()) {
      main.set("data", data);
    }
    ExportTree.writeIfChanged(mainFile, TfJson.writeBytes(main));
  }

  /** Arguments of a built-in data source, or null when it is not one this exporter knows. */
  private static ObjectNode dataSource(String type, String name) {
    if (type.equals("databricks_group") && BUILT_IN_GROUPS.containsKey(name)) {
      ObjectNode n = TfJson.object();
      n.put("display_name", BUILT_IN_GROUPS.get(name));
      return n;
    }
    if (type.equals("databricks_current_user")) {
      return TfJson.object();
    }
    return null;
  }

  private static JsonNode readOrNull(Path file) {
    try {
      return Files.isRegularFile(file) ? TfJson.read(Files.readAllBytes(file)) : null;
    } catch (IOException e) {
      return null;
    }
  }
}
