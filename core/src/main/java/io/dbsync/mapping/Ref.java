package io.dbsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A value that is exactly one reference to a resource attribute: "${databricks_user.jane.user_name}". */
record Ref(String address, String attribute) {
  private static final Pattern WHOLE = Pattern.compile("\\$\\{(databricks_[a-z0-9_]+\\.[A-Za-z0-9_-]+)\\.([a-z0-9_]+)}");

  static Optional<Ref> of(JsonNode value) {
    if (value == null || !value.isTextual()) {
      return Optional.empty();
    }
    Matcher m = WHOLE.matcher(value.asText());
    return m.matches() ? Optional.of(new Ref(m.group(1), m.group(2))) : Optional.empty();
  }

  /** True for a plain value (no interpolation at all). */
  static boolean isLiteral(JsonNode value) {
    return value != null && value.isTextual() && !value.asText().contains("${");
  }
}
