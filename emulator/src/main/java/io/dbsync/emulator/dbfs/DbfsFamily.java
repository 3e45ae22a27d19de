package io.dbsync.emulator.dbfs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Family;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;
import io.dbsync.emulator.http.Router;
import io.dbsync.emulator.workspace.Multipart;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * DBFS 2.0 (api-reference §6): /api/2.0/dbfs/{list,get-status,read,create,add-block,close,put,
 * mkdirs,delete,move}. Paths are accepted with or without the dbfs: scheme; responses use the plain
 * form. Content is binary safe. Built-ins: /, /FileStore, /tmp, /user.
 *
 * <p>Seed format (key "dbfs"): an array of {@code {path, content_base64: base64 | content: text}}
 * (files; parents created) or {@code {path, is_dir: true}}. {@link #dump()} returns
 * {@code {path, is_dir, content_base64?}} for every entry below the root.
 */
public final class DbfsFamily implements Family {
  static final int MAX_BLOCK = 1024 * 1024;
  static final int DEFAULT_READ = 512 * 1024;

  private static final class Entry {
    final boolean dir;
    byte[] data;
    long mtime;

    Entry(boolean dir, byte[] data, long mtime) {
      this.dir = dir;
      this.data = data;
      this.mtime = mtime;
    }
  }

  private record Handle(String path, ByteArrayOutputStream buffer) {}

  private final TreeMap<String, Entry> entries = new TreeMap<>();
  private final Map<Long, Handle> handles = new HashMap<>();
  private Workspace workspace;

  @Override
  public String name() {
    return "dbfs";
  }

  @Override
  public void register(Router router, Workspace ws) {
    this.workspace = ws;
    String b = "/api/2.0/dbfs/";
    router.add("GET", b + "list", name(), this::list);
    router.add("GET", b + "get-status", name(), req -> Response.ok(info(path(req.requireQ("path")), require(path(req.requireQ("path"))))));
    router.add("GET", b + "read", name(), this::read);
    router.add("POST", b + "create", name(), this::create);
    router.add("POST", b + "add-block", name(), this::addBlock);
    router.add("POST", b + "close", name(), this::close);
    router.add("POST", b + "put", name(), this::put);
    router.add("POST", b + "mkdirs", name(), req -> {
      mkdirs(path(required(req.json(), "path")));
      return Response.empty();
    });
    router.add("POST", b + "delete", name(), this::delete);
    router.add("POST", b + "move", name(), this::move);
  }

  @Override
  public void builtIns(Workspace ws) {
    mkdirs("/FileStore");
    mkdirs("/tmp");
    mkdirs("/user");
  }

  private Response list(Request req) {
    String p = path(req.requireQ("path"));
    Entry e = require(p);
    ObjectNode out = Json.object();
    if (!e.dir) {
      out.putArray("files").add(info(p, e));
      return Response.ok(out);
    }
    ArrayNode files = Json.array();
    for (String child : children(p)) {
      files.add(info(child, entries.get(child)));
    }
    if (!files.isEmpty()) {
      out.set("files", files);
    }
    return Response.ok(out);
  }

  private Response read(Request req) {
    String p = path(req.requireQ("path"));
    long offset = longQ(req, "offset", 0);
    long length = longQ(req, "length", DEFAULT_READ);
    if (offset < 0 || length < 0) {
      throw ApiException.invalidParameter("Offset and length must be non-negative");
    }
    if (length > MAX_BLOCK) {
      throw ApiException.badRequest("MAX_READ_SIZE_EXCEEDED", "Cannot read more than 1.0MiB");
    }
    Entry e = require(p);
    if (e.dir) {
      throw ApiException.invalidParameter("The path " + p + " is a directory.");
    }
    int from = (int) Math.min(offset, e.data.length);
    int to = (int) Math.min((long) from + length, e.data.length);
    byte[] chunk = Arrays.copyOfRange(e.data, from, to);
    ObjectNode out = Json.object();
    out.put("bytes_read", chunk.length);
    // always present, "" at EOF: the SDK's DbfsExt decodes it unconditionally
    out.put("data", Base64.getEncoder().encodeToString(chunk));
    return Response.ok(out);
  }

  private Response create(Request req) {
    ObjectNode body = req.json();
    String p = path(required(body, "path"));
    checkWritable(p, body.path("overwrite").asBoolean(false));
    long handle = workspace.nextId();
    handles.put(handle, new Handle(p, new ByteArrayOutputStream()));
    ObjectNode out = Json.object();
    out.put("handle", handle);
    return Response.ok(out);
  }

  private Response addBlock(Request req) {
    ObjectNode body = req.json();
    Handle h = handle(body);
    byte[] data = base64(required(body, "data"));
    if (data.length > MAX_BLOCK) {
      throw ApiException.badRequest("MAX_BLOCK_SIZE_EXCEEDED", "The block size exceeds the maximum allowed size of 1048576 bytes.");
    }
    h.buffer.writeBytes(data);
    return Response.empty();
  }

  private Response close(Request req) {
    ObjectNode body = req.json();
    Handle h = handle(body);
    handles.remove(body.get("handle").asLong());
    writeFile(h.path, h.buffer.toByteArray());
    return Response.empty();
  }

  private Response put(Request req) {
    String p;
    boolean overwrite;
    byte[] data;
    if (Multipart.isMultipart(req)) {
      Map<String, Multipart.Part> parts = Multipart.parse(req);
      if (!parts.containsKey("path")) {
        throw ApiException.invalidParameter("Missing required field: path");
      }
      p = path(parts.get("path").text());
      overwrite = parts.containsKey("overwrite") && "true".equalsIgnoreCase(parts.get("overwrite").text().trim());
      data = parts.containsKey("contents") ? parts.get("contents").data() : new byte[0];
    } else {
      ObjectNode body = req.json();
      p = path(required(body, "path"));
      overwrite = body.path("overwrite").asBoolean(false);
      String contents = Json.text(body, "contents");
      data = contents == null ? new byte[0] : base64(contents);
      if (data.length > MAX_BLOCK) {
        throw ApiException.badRequest("MAX_BLOCK_SIZE_EXCEEDED",
            "File uploads via the contents parameter are limited to 1MB. Use multipart or the streaming API.");
      }
    }
    checkWritable(p, overwrite);
    writeFile(p, data);
    return Response.empty();
  }

  private Response delete(Request req) {
    ObjectNode body = req.json();
    String p = path(required(body, "path"));
    Entry e = entries.get(p);
    if (e == null) {
      return Response.empty();
    }
    if (p.equals("/")) {
      throw ApiException.invalidParameter("Cannot delete the root directory");
    }
    if (e.dir && !children(p).isEmpty() && !body.path("recursive").asBoolean(false)) {
      throw ApiException.badRequest("IO_ERROR", "Directory " + p + " is not empty. Use recursive delete.");
    }
    entries.remove(p);
    entries.subMap(p + "/", p + "/\uffff").clear();
    return Response.empty();
  }

  private Response move(Request req) {
    ObjectNode body = req.json();
    String src = path(required(body, "source_path"));
    String dst = path(required(body, "destination_path"));
    require(src);
    if (entries.containsKey(dst)) {
      throw ApiException.alreadyExists("A file or directory already exists at the input path " + dst + ".");
    }
    if (dst.startsWith(src + "/")) {
      throw ApiException.invalidParameter("Cannot move " + src + " into itself");
    }
    mkdirs(parentOf(dst));
    Map<String, Entry> moved = new TreeMap<>(entries.subMap(src + "/", src + "/\uffff"));
    moved.put(src, entries.get(src));
    for (Map.Entry<String, Entry> m : moved.entrySet()) {
      entries.remove(m.getKey());
      entries.put(dst + m.getKey().substring(src.length()), m.getValue());
    }
    return Response.empty();
  }

  // ---- helpers ----

  private void checkWritable(String p, boolean overwrite) {
    Entry e = entries.get(p);
    if (e != null && (e.dir || !overwrite)) {
      throw ApiException.alreadyExists("A file or directory already exists at the input path " + p + ".");
    }
    String parent = parentOf(p);
    Entry pe = entries.get(parent);
    if (pe != null && !pe.dir) {
      throw ApiException.alreadyExists("A file or directory already exists at the input path " + parent + ".");
    }
  }

  private void writeFile(String p, byte[] data) {
    mkdirs(parentOf(p));
    entries.put(p, new Entry(false, data, workspace.now()));
  }

  private void mkdirs(String p) {
    entries.computeIfAbsent("/", k -> new Entry(true, new byte[0], workspace.now()));
    String current = "";
    for (String segment : p.substring(1).split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      current = current + "/" + segment;
      Entry e = entries.get(current);
      if (e == null) {
        entries.put(current, new Entry(true, new byte[0], workspace.now()));
      } else if (!e.dir) {
        throw ApiException.alreadyExists("A file or directory already exists at the input path " + current + ".");
      }
    }
  }

  private Handle handle(ObjectNode body) {
    JsonNode h = body.get("handle");
    if (h == null || h.isNull()) {
      throw ApiException.invalidParameter("Missing required field: handle");
    }
    Handle handle = handles.get(h.asLong());
    if (handle == null) {
      throw ApiException.notFound("The handle " + h.asText() + " does not exist.");
    }
    return handle;
  }

  private Entry require(String p) {
    Entry e = entries.get(p);
    if (e == null) {
      throw ApiException.notFound("No file or directory exists on path " + p + ".");
    }
    return e;
  }

  private List<String> children(String dir) {
    String prefix = dir.equals("/") ? "/" : dir + "/";
    List<String> out = new ArrayList<>();
    for (String k : entries.subMap(prefix, false, prefix + "\uffff", false).keySet()) {
      if (k.indexOf('/', prefix.length()) < 0) {
        out.add(k);
      }
    }
    return out;
  }

  private static ObjectNode info(String p, Entry e) {
    ObjectNode o = Json.object();
    o.put("path", p);
    o.put("is_dir", e.dir);
    o.put("file_size", e.dir ? 0 : e.data.length);
    o.put("modification_time", e.mtime);
    return o;
  }

  private static long longQ(Request req, String name, long dflt) {
    String v = req.q(name);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiException.invalidParameter("Invalid value for " + name + ": " + v);
    }
  }

  private static byte[] base64(String s) {
    try {
      return Base64.getDecoder().decode(s.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidParameter("Data is not valid base64");
    }
  }

  private static String required(JsonNode body, String field) {
    String v = Json.text(body, field);
    if (v == null || v.isEmpty()) {
      throw ApiException.invalidParameter("Missing required field: " + field);
    }
    return v;
  }

  static String parentOf(String p) {
    int i = p.lastIndexOf('/');
    return i <= 0 ? "/" : p.substring(0, i);
  }

  /** Plain absolute DBFS path: drops the dbfs: scheme, duplicate and trailing slashes. */
  static String path(String raw) {
    String p = raw;
    if (p.startsWith("dbfs:")) {
      p = p.substring("dbfs:".length());
    }
    if (!p.startsWith("/")) {
      throw ApiException.invalidParameter("Path must be absolute: " + raw);
    }
    p = p.replaceAll("/+", "/");
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  @Override
  public JsonNode dump() {
    ArrayNode out = Json.array();
    entries.forEach((p, e) -> {
      if (p.equals("/")) {
        return;
      }
      ObjectNode o = out.addObject();
      o.put("path", p);
      o.put("is_dir", e.dir);
      if (!e.dir) {
        o.put("content_base64", Base64.getEncoder().encodeToString(e.data));
      }
    });
    return out;
  }

  @Override
  public void seed(JsonNode seed, Workspace ws) {
    for (JsonNode item : seed) {
      String p = path(Json.text(item, "path"));
      if (item.path("is_dir").asBoolean(false)) {
        mkdirs(p);
      } else if (item.has("content_base64")) {
        writeFile(p, base64(item.get("content_base64").asText()));
      } else {
        writeFile(p, item.path("content").asText("").getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
