package io.dbsync.emulator.http;

/** Serves one route. Throw {@link ApiException} for API errors. */
@FunctionalInterface
public interface Handler {
  Response handle(Request request) throws Exception;
}
