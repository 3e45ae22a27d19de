package io.dbsync.emulator.workspace;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.workspace.Delete;
import com.databricks.sdk.service.workspace.ExportFormat;
import com.databricks.sdk.service.workspace.ExportRequest;
import com.databricks.sdk.service.workspace.ExportResponse;
import com.databricks.sdk.service.workspace.Import;
import com.databricks.sdk.service.workspace.ImportFormat;
import com.databricks.sdk.service.workspace.Language;
import com.databricks.sdk.service.workspace.ObjectInfo;
import com.databricks.sdk.service.workspace.ObjectType;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Workspace 2.0 through the official Java SDK (and raw HTTP for multipart and direct_download). */
class WorkspaceApiTest {
  static Emulator emu;
  static WorkspaceClient w;

  @BeforeAll
  static void start() throws Exception {
    emu = new Emulator().start();
    w = new WorkspaceClient(new DatabricksConfig().setHost(emu.url()).setToken(emu.token()).setAuthType("pat"));
  }

  @AfterAll
  static void stop() {
    emu.close();
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static String unb64(String s) {
    return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
  }

  static List<ObjectInfo> list(String path) {
    return StreamSupport.stream(w.workspace().list(path).spliterator(), false).toList();
  }

  @Test
  void builtInFoldersExist() {
    List<String> root = list("/").stream().map(ObjectInfo::getPath).toList();
    assertTrue(root.containsAll(List.of("/Users", "/Shared", "/Repos")), root.toString());
    ObjectInfo home = w.workspace().getStatus("/Users/admin@example.com");
    assertEquals(ObjectType.DIRECTORY, home.getObjectType());
    assertNotNull(home.getObjectId());
  }

  @Test
  void sourceNotebookRoundTripAddsHeaderAndKeepsMetadata() {
    w.workspace().mkdirs("/Shared/rt");
    w.workspace().importContent(new Import().setPath("/Shared/rt/nb").setFormat(ImportFormat.SOURCE)
        .setLanguage(Language.PYTHON).setContent(b64("print(1)\n")));
    ObjectInfo info = w.workspace().getStatus("/Shared/rt/nb");
    assertEquals(ObjectType.NOTEBOOK, info.getObjectType());
    assertEquals(Language.PYTHON, info.getLanguage());
    assertTrue(info.getCreatedAt() > 1_600_000_000_000L, "epoch millis");
    ExportResponse ex = w.workspace().export(new ExportRequest().setPath("/Shared/rt/nb").setFormat(ExportFormat.SOURCE));
    assertEquals("py", ex.getFileType());
    assertEquals("# Databricks notebook source\nprint(1)\n", unb64(ex.getContent()));

    // content that already has the header comes back unchanged; SQL uses its own comment prefix
    String sql = "-- Databricks notebook source\nSELECT 1\n\n-- COMMAND ----------\n\nSELECT 2";
    w.workspace().importContent(new Import().setPath("/Shared/rt/q").setFormat(ImportFormat.SOURCE)
        .setLanguage(Language.SQL).setContent(b64(sql)));
    ExportResponse q = w.workspace().export(new ExportRequest().setPath("/Shared/rt/q").setFormat(ExportFormat.SOURCE));
    assertEquals(sql, unb64(q.getContent()));
    assertEquals("sql", q.getFileType());
  }

  @Test
  void importOverwriteRulesAndErrors() throws Exception {
    w.workspace().mkdirs("/Shared/ow");
    Import imp = new Import().setPath("/Shared/ow/nb").setFormat(ImportFormat.SOURCE)
        .setLanguage(Language.SCALA).setContent(b64("println(1)"));
    w.workspace().importContent(imp);
    long id = w.workspace().getStatus("/Shared/ow/nb").getObjectId();

    DatabricksError dup = assertThrows(ResourceAlreadyExists.class, () -> w.workspace().importContent(imp));
    assertEquals("RESOURCE_ALREADY_EXISTS", dup.getErrorCode());
    assertEquals(400, raw("POST", "/api/2.0/workspace/import", Json.bytes(Json.object().put("path", "/Shared/ow/nb")
        .put("language", "SCALA").put("content", b64("x"))), "application/json").statusCode(), "legacy 400, not 409");
    assertEquals("Path (/Shared/ow/nb) already exists.", dup.getMessage());

    w.workspace().importContent(imp.setOverwrite(true).setContent(b64("println(2)")));
    assertEquals(id, w.workspace().getStatus("/Shared/ow/nb").getObjectId(), "overwrite keeps the object id");
    assertTrue(unb64(w.workspace().export("/Shared/ow/nb").getContent()).endsWith("println(2)"));

    DatabricksError noParent = assertThrows(ResourceDoesNotExist.class, () -> w.workspace().importContent(
        new Import().setPath("/Shared/missing/nb").setLanguage(Language.PYTHON).setContent(b64("x"))));
    assertEquals(404, noParent.getStatusCode());

    assertThrows(InvalidParameterValue.class, () -> w.workspace().importContent(
        new Import().setPath("/Shared/ow/nolang").setFormat(ImportFormat.SOURCE).setContent(b64("x"))));
    assertThrows(ResourceAlreadyExists.class, () -> w.workspace().importContent(
        new Import().setPath("/Shared/ow").setFormat(ImportFormat.AUTO).setOverwrite(true).setContent(b64("x"))),
        "a directory is never overwritten");
    assertThrows(InvalidParameterValue.class, () -> w.workspace().getStatus("relative/path"));
  }

  @Test
  void autoImportDecidesNotebookVersusFile() {
    w.workspace().mkdirs("/Shared/auto");
    w.workspace().importContent(new Import().setPath("/Shared/auto/job.py").setFormat(ImportFormat.AUTO)
        .setContent(b64("# Databricks notebook source\nprint('nb')")));
    w.workspace().importContent(new Import().setPath("/Shared/auto/lib.py").setFormat(ImportFormat.AUTO)
        .setContent(b64("def f():\n  return 1\n")));
    ObjectInfo nb = w.workspace().getStatus("/Shared/auto/job");
    assertEquals(ObjectType.NOTEBOOK, nb.getObjectType(), "extension stripped for notebooks");
    assertEquals(Language.PYTHON, nb.getLanguage());
    ObjectInfo file = w.workspace().getStatus("/Shared/auto/lib.py");
    assertEquals(ObjectType.FILE, file.getObjectType());
    assertEquals(20L, file.getSize());
    assertThrows(ResourceDoesNotExist.class, () -> w.workspace().getStatus("/Shared/auto/job.py"));

    ExportResponse raw = w.workspace().export(new ExportRequest().setPath("/Shared/auto/lib.py").setFormat(ExportFormat.AUTO));
    assertEquals("def f():\n  return 1\n", unb64(raw.getContent()));
    assertEquals("py", raw.getFileType());
    assertThrows(InvalidParameterValue.class, () -> w.workspace().export(
        new ExportRequest().setPath("/Shared/auto/lib.py").setFormat(ExportFormat.JUPYTER)));
  }

  @Test
  void jupyterExportAndImportConvertCells() throws Exception {
    w.workspace().mkdirs("/Shared/jup");
    w.workspace().importContent(new Import().setPath("/Shared/jup/nb").setLanguage(Language.PYTHON)
        .setContent(b64("# Databricks notebook source\na = 1\n\n# COMMAND ----------\n\nprint(a)")));
    ExportResponse ex = w.workspace().export(new ExportRequest().setPath("/Shared/jup/nb").setFormat(ExportFormat.JUPYTER));
    assertEquals("ipynb", ex.getFileType());
    JsonNode ipynb = Json.MAPPER.readTree(unb64(ex.getContent()));
    assertEquals(2, ipynb.get("cells").size());
    assertEquals("print(a)", ipynb.get("cells").get(1).get("source").get(0).asText());

    w.workspace().importContent(new Import().setPath("/Shared/jup/copy.ipynb").setFormat(ImportFormat.JUPYTER)
        .setContent(ex.getContent()));
    String source = unb64(w.workspace().export("/Shared/jup/copy").getContent());
    assertEquals("# Databricks notebook source\na = 1\n\n# COMMAND ----------\n\nprint(a)", source);
  }

  @Test
  void listShowsChildrenAndAbsentKeyForEmptyDir() throws Exception {
    w.workspace().mkdirs("/Shared/ls/a/b");
    w.workspace().importContent(new Import().setPath("/Shared/ls/f.txt").setFormat(ImportFormat.RAW).setContent(b64("hi")));
    List<ObjectInfo> children = list("/Shared/ls");
    assertEquals(List.of("/Shared/ls/a", "/Shared/ls/f.txt"), children.stream().map(ObjectInfo::getPath).toList());
    assertEquals(List.of(ObjectType.DIRECTORY, ObjectType.FILE), children.stream().map(ObjectInfo::getObjectType).toList());
    assertEquals(0, list("/Shared/ls/a/b").size());
    assertEquals("{}", raw("GET", "/api/2.0/workspace/list?path=/Shared/ls/a/b", null, null).body());
    assertEquals(List.of("/Shared/ls/f.txt"), list("/Shared/ls/f.txt").stream().map(ObjectInfo::getPath).toList(),
        "a file path lists itself");
    assertEquals(1, list("/Workspace/Shared/ls/a").size(), "the /Workspace prefix is an alias");
    assertThrows(ResourceDoesNotExist.class, () -> list("/Shared/nope"));
  }

  @Test
  void mkdirsAndDeleteRules() {
    w.workspace().mkdirs("/Shared/del/x/y");
    w.workspace().mkdirs("/Shared/del/x/y");
    w.workspace().importContent(new Import().setPath("/Shared/del/file").setFormat(ImportFormat.RAW).setContent(b64("1")));
    DatabricksError notFolder = assertThrows(ResourceAlreadyExists.class, () -> w.workspace().mkdirs("/Shared/del/file/sub"));
    assertTrue(notFolder.getMessage().contains("not a folder"));

    DatabricksError notEmpty = assertThrows(BadRequest.class,
        () -> w.workspace().delete(new Delete().setPath("/Shared/del/x")));
    assertEquals("DIRECTORY_NOT_EMPTY", notEmpty.getErrorCode());
    w.workspace().delete(new Delete().setPath("/Shared/del/x").setRecursive(true));
    assertThrows(ResourceDoesNotExist.class, () -> w.workspace().getStatus("/Shared/del/x/y"));
    w.workspace().delete(new Delete().setPath("/Shared/del/file"));
    assertThrows(ResourceDoesNotExist.class, () -> w.workspace().delete(new Delete().setPath("/Shared/del/file")));
  }

  @Test
  void directoryExportsAsZipAndDbcRoundTrips() throws Exception {
    w.workspace().mkdirs("/Shared/zip/sub");
    w.workspace().importContent(new Import().setPath("/Shared/zip/sub/nb").setLanguage(Language.R).setContent(b64("x <- 1")));
    w.workspace().importContent(new Import().setPath("/Shared/zip/data.csv").setFormat(ImportFormat.RAW).setContent(b64("a,b")));
    ExportResponse auto = w.workspace().export(new ExportRequest().setPath("/Shared/zip").setFormat(ExportFormat.AUTO));
    Map<String, String> entries = unzip(Base64.getDecoder().decode(auto.getContent()));
    assertEquals(Map.of("data.csv", "a,b", "sub/nb.r", "# Databricks notebook source\nx <- 1"), entries);

    ExportResponse dbc = w.workspace().export(new ExportRequest().setPath("/Shared/zip").setFormat(ExportFormat.DBC));
    assertEquals("dbc", dbc.getFileType());
    w.workspace().importContent(new Import().setPath("/Shared/zipcopy").setFormat(ImportFormat.DBC).setContent(dbc.getContent()));
    ObjectInfo copied = w.workspace().getStatus("/Shared/zipcopy/sub/nb");
    assertEquals(Language.R, copied.getLanguage());
  }

  @Test
  void tooLargeImportIsRejected() {
    byte[] big = new byte[10_485_761];
    DatabricksError e = assertThrows(BadRequest.class, () -> w.workspace().importContent(new Import()
        .setPath("/Shared/big.bin").setFormat(ImportFormat.RAW).setContent(Base64.getEncoder().encodeToString(big))));
    assertEquals("BAD_REQUEST", e.getErrorCode());
    assertEquals("File size imported is (10485761 bytes), exceeded max size (10485760 bytes)", e.getMessage());
  }

  @Test
  void multipartImportAndDirectDownloadAreBinarySafe() throws Exception {
    w.workspace().mkdirs("/Shared/mp");
    byte[] data = new byte[256];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    String boundary = "----b0undary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"path\"\r\n\r\n/Shared/mp/bytes.bin\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\nAUTO\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"content\"; filename=\"bytes.bin\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(data);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = raw("POST", "/api/2.0/workspace/import", body.toByteArray(), "multipart/form-data; boundary=" + boundary);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(256L, w.workspace().getStatus("/Shared/mp/bytes.bin").getSize());

    HttpResponse<byte[]> dl = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(emu.url() + "/api/2.0/workspace/export?path=/Shared/mp/bytes.bin&format=AUTO&direct_download=true"))
        .header("Authorization", "Bearer " + emu.token()).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, dl.statusCode());
    assertArrayEquals(data, dl.body());
  }

  @Test
  void seedAndDumpUseTheDocumentedShape() throws Exception {
    try (Emulator e = new Emulator()) {
      e.seed(Json.MAPPER.readTree("""
          {"workspace": [
            {"path": "/Shared/seeded/nb", "language": "SCALA", "content": "println(1)"},
            {"path": "/Shared/seeded/f.bin", "content_base64": "AAEC"},
            {"path": "/Shared/seeded/empty", "object_type": "DIRECTORY"}]}"""));
      JsonNode dump = e.dump().get("workspace");
      Map<String, JsonNode> byPath = new TreeMap<>();
      dump.forEach(n -> byPath.put(n.get("path").asText(), n));
      assertEquals("NOTEBOOK", byPath.get("/Shared/seeded/nb").get("object_type").asText());
      assertEquals("SCALA", byPath.get("/Shared/seeded/nb").get("language").asText());
      assertEquals("println(1)", byPath.get("/Shared/seeded/nb").get("content").asText());
      assertEquals("AAEC", byPath.get("/Shared/seeded/f.bin").get("content_base64").asText());
      assertEquals("DIRECTORY", byPath.get("/Shared/seeded/empty").get("object_type").asText());
      assertNull(byPath.get("/"));
      assertFalse(byPath.get("/Users/admin@example.com").has("content"));
    }
  }

  @Test
  void registersPermissionObjectsByObjectId() {
    w.workspace().mkdirs("/Shared/perm");
    w.workspace().importContent(new Import().setPath("/Shared/perm/nb").setLanguage(Language.PYTHON).setContent(b64("1")));
    String nbId = w.workspace().getStatus("/Shared/perm/nb").getObjectId().toString();
    String dirId = w.workspace().getStatus("/Shared/perm").getObjectId().toString();
    assertEquals(Boolean.TRUE, emu.workspace().permissionObjectExists("notebooks", nbId));
    assertEquals(Boolean.FALSE, emu.workspace().permissionObjectExists("directories", nbId));
    assertEquals(Boolean.TRUE, emu.workspace().permissionObjectExists("directories", dirId));
    WorkspaceFamily family = emu.workspace().family(WorkspaceFamily.class);
    family.addRepo("/Repos/me/project", 4242L);
    assertEquals(Boolean.TRUE, emu.workspace().permissionObjectExists("repos", "4242"));
    assertEquals(ObjectType.REPO, w.workspace().getStatus("/Repos/me/project").getObjectType());
    family.removeTree("/Repos/me/project");
    assertEquals(Boolean.FALSE, emu.workspace().permissionObjectExists("repos", "4242"));
    assertInstanceOf(ResourceDoesNotExist.class, assertThrows(DatabricksError.class,
        () -> w.workspace().getStatus("/Repos/me/project")));
  }

  private static Map<String, String> unzip(byte[] zip) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  static HttpResponse<String> raw(String method, String path, byte[] body, String contentType) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emu.url() + path))
        .header("Authorization", "Bearer " + emu.token())
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @SuppressWarnings("unused")
  private static List<String> paths(Iterable<ObjectInfo> it) {
    List<String> out = new ArrayList<>();
    it.forEach(o -> out.add(o.getPath()));
    return out;
  }
}
