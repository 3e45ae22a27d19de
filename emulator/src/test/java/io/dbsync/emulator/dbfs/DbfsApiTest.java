package io.dbsync.emulator.dbfs;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.files.AddBlock;
import com.databricks.sdk.service.files.Create;
import com.databricks.sdk.service.files.Delete;
import com.databricks.sdk.service.files.FileInfo;
import com.databricks.sdk.service.files.Move;
import com.databricks.sdk.service.files.Put;
import com.databricks.sdk.service.files.ReadDbfsRequest;
import com.databricks.sdk.service.files.ReadResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DBFS 2.0 through the official Java SDK, including the DbfsExt streaming helpers. */
class DbfsApiTest {
  static final int SIZE = 3_500_000;
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

  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  @Test
  void streamingHelpersWriteAndReadBackABinaryFile() throws Exception {
    byte[] data = randomBytes(SIZE, 7);
    try (OutputStream out = w.dbfs().getOutputStream("dbfs:/FileStore/stream/big.bin")) {
      out.write(data);
    }
    FileInfo info = w.dbfs().getStatus("/FileStore/stream/big.bin");
    assertEquals((long) SIZE, info.getFileSize());
    assertFalse(info.getIsDir());
    assertTrue(info.getModificationTime() > 1_600_000_000_000L);
    try (InputStream in = w.dbfs().open("/FileStore/stream/big.bin")) {
      assertArrayEquals(data, in.readAllBytes());
    }
    assertArrayEquals(data, w.dbfs().readAllBytes(java.nio.file.Path.of("/FileStore/stream/big.bin")));
  }

  @Test
  void createAddBlockCloseInOneMegabyteBlocks() throws Exception {
    byte[] data = randomBytes(SIZE, 11);
    long handle = w.dbfs().create(new Create().setPath("/tmp/blocks/big.bin")).getHandle();
    for (int off = 0; off < data.length; off += 1 << 20) {
      byte[] block = Arrays.copyOfRange(data, off, Math.min(data.length, off + (1 << 20)));
      w.dbfs().addBlock(new AddBlock().setHandle(handle).setData(b64(block)));
    }
    w.dbfs().close(handle);
    ByteArrayOutputStream back = new ByteArrayOutputStream();
    long offset = 0;
    while (true) {
      ReadResponse r = w.dbfs().read(new ReadDbfsRequest().setPath("/tmp/blocks/big.bin").setOffset(offset).setLength(1L << 20));
      if (r.getBytesRead() == 0) {
        assertEquals("", r.getData(), "EOF sends data as an empty string");
        break;
      }
      back.writeBytes(Base64.getDecoder().decode(r.getData()));
      offset += r.getBytesRead();
    }
    assertArrayEquals(data, back.toByteArray());

    DatabricksError unknown = assertThrows(ResourceDoesNotExist.class, () -> w.dbfs().close(handle));
    assertEquals("RESOURCE_DOES_NOT_EXIST", unknown.getErrorCode());
    assertThrows(ResourceAlreadyExists.class, () -> w.dbfs().create(new Create().setPath("/tmp/blocks/big.bin")));
    long h2 = w.dbfs().create(new Create().setPath("/tmp/blocks/big.bin").setOverwrite(true)).getHandle();
    DatabricksError tooBig = assertThrows(BadRequest.class, () ->
        w.dbfs().addBlock(new AddBlock().setHandle(h2).setData(b64(new byte[(1 << 20) + 1]))));
    assertEquals("MAX_BLOCK_SIZE_EXCEEDED", tooBig.getErrorCode());
  }

  @Test
  void readLimitsAndErrors() {
    w.dbfs().put(new Put().setPath("/tmp/read/small.txt").setContents(b64("hello world".getBytes(StandardCharsets.UTF_8))));
    ReadResponse part = w.dbfs().read(new ReadDbfsRequest().setPath("/tmp/read/small.txt").setOffset(6L).setLength(3L));
    assertEquals(3L, part.getBytesRead());
    assertEquals("wor", new String(Base64.getDecoder().decode(part.getData()), StandardCharsets.UTF_8));
    ReadResponse whole = w.dbfs().read("/tmp/read/small.txt");
    assertEquals(11L, whole.getBytesRead());

    DatabricksError tooLong = assertThrows(BadRequest.class, () ->
        w.dbfs().read(new ReadDbfsRequest().setPath("/tmp/read/small.txt").setLength((1L << 20) + 1)));
    assertEquals("MAX_READ_SIZE_EXCEEDED", tooLong.getErrorCode());
    assertEquals(400, tooLong.getStatusCode());
    assertThrows(InvalidParameterValue.class, () ->
        w.dbfs().read(new ReadDbfsRequest().setPath("/tmp/read/small.txt").setOffset(-1L)));
    assertThrows(InvalidParameterValue.class, () -> w.dbfs().read("/tmp/read"));
    DatabricksError missing = assertThrows(ResourceDoesNotExist.class, () -> w.dbfs().read("/tmp/read/none"));
    assertEquals(404, missing.getStatusCode());
  }

  @Test
  void putListMkdirsMoveDelete() {
    w.dbfs().mkdirs("/tmp/ops/a/b");
    w.dbfs().put(new Put().setPath("dbfs:/tmp/ops/a/f.txt").setContents(b64(new byte[] {1, 2, 3})));
    assertThrows(ResourceAlreadyExists.class, () ->
        w.dbfs().put(new Put().setPath("/tmp/ops/a/f.txt").setContents(b64(new byte[] {4}))));
    w.dbfs().put(new Put().setPath("/tmp/ops/a/f.txt").setContents(b64(new byte[] {4})).setOverwrite(true));
    assertEquals(1L, w.dbfs().getStatus("/tmp/ops/a/f.txt").getFileSize());
    assertThrows(ResourceAlreadyExists.class, () -> w.dbfs().mkdirs("/tmp/ops/a/f.txt/x"));

    List<FileInfo> children = list("/tmp/ops/a");
    assertEquals(List.of("/tmp/ops/a/b", "/tmp/ops/a/f.txt"), children.stream().map(FileInfo::getPath).toList());
    assertEquals(List.of(true, false), children.stream().map(FileInfo::getIsDir).toList());
    assertEquals(0, list("/tmp/ops/a/b").size());
    assertEquals(List.of("/tmp/ops/a/f.txt"), list("/tmp/ops/a/f.txt").stream().map(FileInfo::getPath).toList());

    w.dbfs().move(new Move().setSourcePath("/tmp/ops/a").setDestinationPath("dbfs:/tmp/ops/moved"));
    assertEquals(1L, w.dbfs().getStatus("/tmp/ops/moved/f.txt").getFileSize());
    assertThrows(ResourceDoesNotExist.class, () -> w.dbfs().getStatus("/tmp/ops/a"));
    assertThrows(ResourceDoesNotExist.class, () -> w.dbfs().move(new Move().setSourcePath("/tmp/ops/a").setDestinationPath("/tmp/x")));

    DatabricksError notEmpty = assertThrows(BadRequest.class, () -> w.dbfs().delete(new Delete().setPath("/tmp/ops/moved")));
    assertEquals("IO_ERROR", notEmpty.getErrorCode());
    w.dbfs().delete(new Delete().setPath("/tmp/ops/moved").setRecursive(true));
    assertThrows(ResourceDoesNotExist.class, () -> w.dbfs().getStatus("/tmp/ops/moved/b"));
    w.dbfs().delete(new Delete().setPath("/tmp/ops/moved"));

    DatabricksError tooBig = assertThrows(BadRequest.class, () ->
        w.dbfs().put(new Put().setPath("/tmp/ops/big").setContents(b64(new byte[(1 << 20) + 1]))));
    assertEquals("MAX_BLOCK_SIZE_EXCEEDED", tooBig.getErrorCode());
  }

  @Test
  void multipartPutIsBinarySafeAndUnlimitedByBlockSize() throws Exception {
    byte[] data = randomBytes(2_000_000, 3);
    String boundary = "xYzBoundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"path\"\r\n\r\n/tmp/mp/data.bin\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"overwrite\"\r\n\r\ntrue\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"contents\"; filename=\"data.bin\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(data);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(emu.url() + "/api/2.0/dbfs/put"))
        .header("Authorization", "Bearer " + emu.token())
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    try (InputStream in = w.dbfs().open("/tmp/mp/data.bin")) {
      assertArrayEquals(data, in.readAllBytes());
    }
  }

  @Test
  void seedAndDump() throws Exception {
    try (Emulator e = new Emulator()) {
      e.seed(Json.MAPPER.readTree("""
          {"dbfs": [{"path": "dbfs:/FileStore/jars/a.jar", "content_base64": "UEsDBA=="},
                    {"path": "/FileStore/readme.txt", "content": "hi"},
                    {"path": "/mnt/empty", "is_dir": true}]}"""));
      JsonNode dump = e.dump().get("dbfs");
      java.util.Map<String, JsonNode> byPath = new java.util.TreeMap<>();
      dump.forEach(n -> byPath.put(n.get("path").asText(), n));
      assertEquals(Json.parse("{\"path\":\"/FileStore/jars/a.jar\",\"is_dir\":false,\"content_base64\":\"UEsDBA==\"}"),
          byPath.get("/FileStore/jars/a.jar"));
      assertEquals("aGk=", byPath.get("/FileStore/readme.txt").get("content_base64").asText());
      assertEquals(Json.parse("{\"path\":\"/mnt/empty\",\"is_dir\":true}"), byPath.get("/mnt/empty"));
      assertTrue(byPath.get("/FileStore/jars").get("is_dir").asBoolean(), "parents are created");
    }
  }

  static List<FileInfo> list(String path) {
    return StreamSupport.stream(w.dbfs().list(path).spliterator(), false).toList();
  }
}
