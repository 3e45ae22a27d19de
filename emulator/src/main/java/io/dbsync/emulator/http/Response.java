package io.dbsync.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.emulator.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler returns: a status, headers and either a JSON document or raw bytes. */
public final class Response {
  private final int status;
  private final JsonNode json;
  private final byte[] raw;
  private final String contentType;
  private final Map<String, String> headers = new LinkedHashMap<>();

  private Response(int status, JsonNode json, byte[] raw, String contentType) {
    this.status = status;
    this.json = json;
    this.raw = raw;
    this.contentType = contentType;
  }

  public static Response ok(JsonNode body) {
    return new Response(200, body, null, "application/json");
  }

  /** The "empty success" of most write endpoints: 200 with {}. */
  public static Response empty() {
    return ok(Json.object());
  }

  public static Response status(int status, JsonNode body) {
    return new Response(status, body, null, "application/json");
  }

  public static Response noContent() {
    return new Response(204, null, null, null);
  }

  public static Response bytes(int status, byte[] body, String contentType) {
    return new Response(status, null, body, contentType);
  }

  public Response header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public String contentType() {
    return contentType;
  }

  /** Serialized body (empty for 204). */
  public byte[] body() {
    if (raw != null) {
      return raw;
    }
    if (json == null) {
      return new byte[0];
    }
    return Json.bytes(json);
  }

  public JsonNode json() {
    return json;
  }
}
