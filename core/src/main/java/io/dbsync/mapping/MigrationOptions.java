package io.dbsync.mapping;

import java.nio.file.Path;

/**
 * The import's mapping settings: {@code --mapping FILE}, {@code --missing-principals POLICY} and
 * {@code --fallback-owner PRINCIPAL} (null: not given; the flags override the file's keys).
 */
public record MigrationOptions(Path mappingFile, PrincipalPolicy missingPrincipals, String fallbackOwner) {
  public static final MigrationOptions NONE = new MigrationOptions(null, null, null);
}
