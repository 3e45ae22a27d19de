package io.dbsync.emulator;

import java.util.Locale;

/**
 * The cloud the emulated workspace runs on. It decides the node type catalog, which cluster
 * attribute block is accepted ({@code aws_attributes} / {@code azure_attributes} /
 * {@code gcp_attributes}), whether instance profiles exist, and the {@code cloud} reported by
 * {@code /.well-known/databricks-config}.
 */
public enum Cloud {
  AWS("aws", "AWS", "aws_attributes"),
  AZURE("azure", "Azure", "azure_attributes"),
  GCP("gcp", "GCP", "gcp_attributes");

  /** The option value ({@code --cloud aws}). */
  public final String id;
  /** How Databricks names the cloud in host metadata and messages. */
  public final String displayName;
  /** The cluster/pool attribute block this cloud accepts. */
  public final String attributesField;

  Cloud(String id, String displayName, String attributesField) {
    this.id = id;
    this.displayName = displayName;
    this.attributesField = attributesField;
  }

  /** Parses aws|azure|gcp (any case); anything else is an IllegalArgumentException naming the choices. */
  public static Cloud parse(String value) {
    for (Cloud c : values()) {
      if (c.id.equals(value == null ? null : value.trim().toLowerCase(Locale.ROOT))) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown cloud '" + value + "' (expected aws, azure or gcp)");
  }
}
