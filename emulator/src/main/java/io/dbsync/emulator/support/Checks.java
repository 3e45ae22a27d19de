package io.dbsync.emulator.support;

import io.dbsync.emulator.http.ApiException;

import java.util.List;

/** Request checks shared by the newer families, with the real 400 INVALID_PARAMETER_VALUE shape. */
public final class Checks {
  private Checks() {}

  /** 400 unless {@code value} is absent or one of {@code allowed} (enum fields). */
  public static void oneOf(String field, String value, List<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      throw ApiException.invalidParameter("Invalid value for " + field + ": " + value + ". Supported values: "
          + String.join(", ", allowed));
    }
  }
}
