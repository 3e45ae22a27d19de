package io.dbsync.tf;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The cloud a workspace runs on, as far as its Terraform configuration cares: which cluster attribute
 * block it takes ({@code aws_attributes}, {@code azure_attributes}, {@code gcp_attributes}) and which
 * storage URL schemes are its own. An export records its source's cloud in {@code exports/main.tf.json}
 * as {@code locals.source_cloud} (a local nothing refers to, so the tree stays terraform-valid).
 */
public enum Cloud {
  AWS("aws_attributes", List.of("s3://", "s3a://", "s3n://")),
  AZURE("azure_attributes", List.of("abfss://", "abfs://", "wasbs://", "wasb://", "adl://")),
  GCP("gcp_attributes", List.of("gs://"));

  /** The local of exports/main.tf.json that names the source workspace's cloud. */
  public static final String SOURCE_LOCAL = "source_cloud";

  /** The cluster/pool attribute block this cloud takes. */
  public final String attributesBlock;
  /** URL scheme prefixes of this cloud's object storage. */
  public final List<String> storageSchemes;

  Cloud(String attributesBlock, List<String> storageSchemes) {
    this.attributesBlock = attributesBlock;
    this.storageSchemes = storageSchemes;
  }

  /** "aws", "azure" or "gcp": how TF_VAR_CLOUD, the mapping file and main.tf.json spell it. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** aws|azure|gcp in any case; anything else is an IllegalArgumentException naming the choices. */
  public static Cloud parse(String value) {
    for (Cloud c : values()) {
      if (value != null && c.id().equals(value.strip().toLowerCase(Locale.ROOT))) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown cloud '" + value + "' (expected aws, azure or gcp)");
  }

  /** The cloud whose attribute block is named {@code field}, if it is one. */
  public static Optional<Cloud> ofAttributesBlock(String field) {
    for (Cloud c : values()) {
      if (c.attributesBlock.equals(field)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The cloud whose storage scheme starts {@code url}, if any ("s3://bucket/x" is AWS). */
  public static Optional<Cloud> ofStorageUrl(String url) {
    for (Cloud c : values()) {
      for (String scheme : c.storageSchemes) {
        if (url.regionMatches(true, 0, scheme, 0, scheme.length())) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  /** The source cloud an export's main.tf.json records, if it records one. */
  public static Optional<Cloud> recordedIn(JsonNode mainTf) {
    JsonNode v = mainTf == null ? null : mainTf.path("locals").get(SOURCE_LOCAL);
    if (v == null || !v.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(v.asText()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
