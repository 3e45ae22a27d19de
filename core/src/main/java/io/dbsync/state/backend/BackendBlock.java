package io.dbsync.state.backend;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one {@code backend "TYPE" { ... }} block of a backend file: its type ("s3", "azurerm") and
 * its attributes. Values are String, Boolean, BigDecimal, List or Map (nested blocks and objects).
 *
 * @param source the file name, for messages
 */
public record BackendBlock(String type, Map<String, Object> attributes, String source) {

  public BackendBlock {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** A required non-empty string attribute. */
  public String requiredString(String name) throws InvalidBackendFileException {
    return optionalString(name).orElseThrow(() -> new InvalidBackendFileException(
        source + ": backend \"" + type + "\" is missing required attribute \"" + name + "\""));
  }

  /** A string attribute; absent or empty gives empty. */
  public Optional<String> optionalString(String name) throws InvalidBackendFileException {
    return optionalString(attributes, name, name);
  }

  /** A bool attribute. */
  public Optional<Boolean> optionalBool(String name) throws InvalidBackendFileException {
    Object value = attributes.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Boolean b) {
      return Optional.of(b);
    }
    throw wrongType(name, "a bool (true or false)", value);
  }

  /** A nested block or object attribute such as {@code endpoints { s3 = "..." }}. */
  public Optional<Map<String, Object>> optionalObject(String name)
      throws InvalidBackendFileException {
    Object value = attributes.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> typed = (Map<String, Object>) map;
      return Optional.of(typed);
    }
    throw wrongType(name, "a block or object", value);
  }

  /** A string inside a nested object, e.g. endpoints.s3. */
  public Optional<String> nestedString(String object, String name)
      throws InvalidBackendFileException {
    Optional<Map<String, Object>> map = optionalObject(object);
    return map.isEmpty() ? Optional.empty() : optionalString(map.get(), name, object + "." + name);
  }

  private Optional<String> optionalString(Map<String, Object> map, String name, String label)
      throws InvalidBackendFileException {
    Object value = map.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof String s) {
      return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
    throw wrongType(label, "a string", value);
  }

  private InvalidBackendFileException wrongType(String name, String expected, Object value) {
    return new InvalidBackendFileException(source + ": backend \"" + type + "\" attribute \""
        + name + "\" must be " + expected + ", not " + describe(value));
  }

  private static String describe(Object value) {
    return switch (value) {
      case String s -> "the string \"" + s + "\"";
      case Boolean b -> "the bool " + b;
      case BigDecimal n -> "the number " + n.toPlainString();
      case List<?> l -> "a list";
      case Map<?, ?> m -> "an object";
      default -> value.getClass().getSimpleName();
    };
  }
}
