package io.dbsync.kind;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The objects one run shares, one per class (backs {@link KindContext#shared}); thread-safe. */
public final class RunCache {
  private final Map<Class<?>, Object> values = new ConcurrentHashMap<>();

  public <T> T get(Class<T> key, Supplier<T> make) {
    return key.cast(values.computeIfAbsent(key, k -> make.get()));
  }
}
