package io.dbsync.kind.workspace;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dbsync.client.Rest;
import io.dbsync.config.KindSettings;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.RefreshRendering;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Shared helpers for the workspace and permissions kind tests (export/import contexts, golden files). */
public final class KindTestSupport {
  private KindTestSupport() {}

  public static TestExportContext exportContext(WorkspaceClient client, String key, String settingsJson, Path artifacts)
      throws IOException {
    JsonNode node = settingsJson == null ? null : TfJson.MAPPER.readTree(settingsJson);
    return new TestExportContext(client, new KindSettings(key, node), artifacts);
  }

  /** {"resource": {type: {name: attrs}}} of the exported resources, as an export file holds them. */
  public static ObjectNode document(List<ExportedResource> resources) {
    ObjectNode doc = TfJson.object();
    ObjectNode res = doc.putObject("resource");
    for (ExportedResource r : resources) {
      ObjectNode byType = res.has(r.type()) ? (ObjectNode) res.get(r.type()) : res.putObject(r.type());
      byType.set(r.name(), r.attrs());
    }
    return doc;
  }

  /**
   * Compares the canonical text with src/test/resources/golden/<relative>. Run with
   * -Dgolden.update=true to (re)write the files after a reviewed change.
   */
  public static void assertGolden(String relative, JsonNode doc) throws IOException {
    Path file = Path.of("src/test/resources/golden").resolve(relative);
    String actual = TfJson.write(doc);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(file)) {
      fail("golden file " + file + " is missing; actual:\n" + actual);
    }
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "golden " + relative);
  }

  /**
   * Exported attributes as the import engine would resolve them: whole-string values found in
   * {@code replacements} (references, variables) are replaced; artifacts stay as they are (create
   * opens them).
   */
  public static ObjectNode resolve(ObjectNode attrs, Map<String, String> replacements) {
    ObjectNode copy = attrs.deepCopy();
    replace(copy, replacements);
    return copy;
  }

  private static void replace(JsonNode node, Map<String, String> replacements) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isTextual() && replacements.containsKey(e.getValue().asText())) {
          e.setValue(new TextNode(replacements.get(e.getValue().asText())));
        } else {
          replace(e.getValue(), replacements);
        }
      }
    } else if (node.isArray()) {
      ArrayNode a = (ArrayNode) node;
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i).isTextual() && replacements.containsKey(a.get(i).asText())) {
          a.set(i, new TextNode(replacements.get(a.get(i).asText())));
        } else {
          replace(a.get(i), replacements);
        }
      }
    }
  }

  /** What refresh must return for resolved attributes: artifacts as "sha256:<hex>" of their bytes. */
  public static ObjectNode expectedRefresh(ObjectNode resolved, TestExportContext exported) throws IOException {
    ObjectNode copy = resolved.deepCopy();
    if (copy.hasNonNull("source")) {
      Path file = exported.artifactFile(copy.get("source").asText());
      copy.put("source", RefreshRendering.sha256(out -> Files.copy(file, out)));
    }
    return copy;
  }

  // ------------------------------------------------------------ seeding through the API

  public static void user(WorkspaceClient c, String userName) throws IOException {
    ObjectNode body = TfJson.object().put("userName", userName);
    body.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
    Rest.post(c, "/api/2.0/preview/scim/v2/Users", body);
  }

  public static void group(WorkspaceClient c, String displayName) throws IOException {
    ObjectNode body = TfJson.object().put("displayName", displayName);
    body.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
    Rest.post(c, "/api/2.0/preview/scim/v2/Groups", body);
  }

  public static void notebook(WorkspaceClient c, String path, String language, String source) throws IOException {
    WorkspaceApi.mkdirsParent(KindHarness.applying(c), path);
    WorkspaceApi.importContent(c, path, "SOURCE", language,
        Base64.getEncoder().encodeToString(source.getBytes(StandardCharsets.UTF_8)));
  }

  public static void file(WorkspaceClient c, String path, byte[] content) throws IOException {
    WorkspaceApi.mkdirsParent(KindHarness.applying(c), path);
    WorkspaceApi.importContent(c, path, "RAW", null, Base64.getEncoder().encodeToString(content));
  }

  public static long objectId(WorkspaceClient c, String path) throws IOException {
    return Rest.get(c, "/api/2.0/workspace/get-status", "path", path).get("object_id").asLong();
  }

  /** PUT direct grants: pairs of ("user_name:x" | "group_name:x" | "service_principal_name:x", level). */
  public static void grant(WorkspaceClient c, String type, String id, String... principalLevel) throws IOException {
    ObjectNode body = TfJson.object();
    ArrayNode acl = body.putArray("access_control_list");
    for (int i = 0; i < principalLevel.length; i += 2) {
      String[] p = principalLevel[i].split(":", 2);
      acl.addObject().put(p[0], p[1]).put("permission_level", principalLevel[i + 1]);
    }
    Rest.put(c, "/api/2.0/permissions/" + type + "/" + id, body);
  }
}
