package io.dbsync.state.backend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbsync.lock.LockInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** LockInfo as the JSON stored in a lock object or lock metadata. */
final class LockInfoCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LockInfoCodec() {}

  static byte[] toJson(LockInfo info) {
    try {
      return MAPPER.writeValueAsBytes(info);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The holder recorded in a lock; empty when the bytes are not a LockInfo. */
  static Optional<LockInfo> fromJson(byte[] json) {
    try {
      return Optional.ofNullable(MAPPER.readValue(json, LockInfo.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
