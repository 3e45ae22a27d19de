package io.dbsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.Cloud;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Storage across clouds: a value still naming another cloud's storage after the storage prefixes
 * (s3:// on Azure, abfss:// on AWS...) is a need, with the bucket or container root as the entry to add.
 * Mounts name their storage as blocks ({@code s3 {bucket_name}}, {@code gs {bucket_name}}, the Azure
 * {@code abfs}/{@code wasb} {container_name, storage_account_name, directory} and {@code adl
 * {storage_resource_name, directory}}): their location goes through the same prefixes, and a moved
 * mount gets the block of its new location (the same Azure block keeps its credentials; {@code uri}
 * for other schemes). A {@code uri} and Hive locations are strings, rewritten as any string is.
 */
final class StorageLocations {
  static final String MOUNT_TYPE = "databricks_mount";
  private static final Map<Cloud, String> DESTINATION_BLOCKS = new EnumMap<>(Map.of(
      Cloud.AWS, "s3", Cloud.AZURE, "abfss", Cloud.GCP, "gcs"));
  private static final Pattern ROOT = Pattern.compile("^([a-zA-Z0-9]+://[^/]*)(/.*)?$");
  private static final Pattern BUCKET = Pattern.compile("^(s3a?|gs)://([^/]+)/?$");

  private StorageLocations() {}

  /** Records a need for every value naming another cloud's storage (across clouds only). */
  static void checkForeign(TranslationRun run, String address, JsonNode attrs) {
    if (!run.crossCloud()) {
      return;
    }
    TranslationRun.rewriteStrings(attrs, s -> {
      Optional<Cloud> of = Cloud.ofStorageUrl(s);
      if (of.isPresent() && of.get() != run.targetCloud()) {
        need(run, address, s);
      }
      return s;
    });
  }

  /**
   * Init script and log destinations are blocks named after their storage ({@code s3}, {@code abfss},
   * {@code gcs}): a destination the prefixes moved to another cloud's storage gets that cloud's block
   * (the S3-only settings — region, endpoint, encryption, ACL — stay behind).
   */
  static void destinationBlocks(TranslationRun run, ObjectNode attrs) {
    TranslationRun.forEachObject(attrs, o -> {
      for (Map.Entry<Cloud, String> e : DESTINATION_BLOCKS.entrySet()) {
        if (!(o.get(e.getValue()) instanceof ObjectNode block) || !Ref.isLiteral(block.get("destination"))) {
          continue;
        }
        Optional<Cloud> now = Cloud.ofStorageUrl(block.get("destination").asText());
        if (now.isPresent() && now.get() != e.getKey()) {
          o.remove(e.getValue());
          o.putObject(DESTINATION_BLOCKS.get(now.get())).set("destination", block.get("destination"));
          run.summary.count(e.getValue() + " destination block -> " + DESTINATION_BLOCKS.get(now.get()));
          return;
        }
      }
    });
  }

  static void mount(TranslationRun run, String address, String type, ObjectNode attrs) {
    if (!type.equals(MOUNT_TYPE)) {
      return;
    }
    String block = null;
    String url = null;
    if (attrs.get("s3") instanceof ObjectNode s3 && Ref.isLiteral(s3.get("bucket_name"))) {
      block = "s3";
      url = "s3://" + s3.get("bucket_name").asText();
    } else if (attrs.get("gs") instanceof ObjectNode gs && Ref.isLiteral(gs.get("bucket_name"))) {
      block = "gs";
      url = "gs://" + gs.get("bucket_name").asText();
    } else {
      for (AzureBlock azure : AzureBlock.ALL) {
        if (attrs.get(azure.name()) instanceof ObjectNode b && azure.literal(b)) {
          block = azure.name();
          url = azure.url(b);
          break;
        }
      }
    }
    if (url == null) {
      return;
    }
    Optional<Prefixes.Hit> hit = run.storage.rewrite(url);
    if (hit.isEmpty()) {
      Optional<Cloud> of = Cloud.ofStorageUrl(url);
      if (run.crossCloud() && of.isPresent() && of.get() != run.targetCloud()) {
        need(run, address, url);
      }
      return;
    }
    run.summary.count("storage " + hit.get().from() + " -> " + hit.get().to());
    ObjectNode old = (ObjectNode) attrs.remove(block);
    String moved = hit.get().result();
    Matcher bucket = BUCKET.matcher(moved);
    Optional<AzureBlock> sameKind = AzureBlock.named(block).filter(azure -> azure.pattern().matcher(moved).matches());
    if (bucket.matches()) {
      attrs.putObject(bucket.group(1).startsWith("s3") ? "s3" : "gs").put("bucket_name", bucket.group(2));
    } else if (sameKind.isPresent()) {
      sameKind.get().relocate(old, moved);
      attrs.set(block, old); // same kind of storage: the credentials stay
    } else {
      attrs.put("uri", moved);
    }
  }

  /**
   * The Azure mount blocks, as URLs: abfs (ADLS Gen2, abfss://container@account.dfs.core.windows.net/dir),
   * wasb (Blob storage, wasbs://container@account.blob.core.windows.net/dir) and adl (ADLS Gen1,
   * adl://account.azuredatalakestore.net/dir, no container).
   */
  private record AzureBlock(String name, String scheme, String schemePattern, String hostSuffix, String containerField,
                            String accountField) {
    static final List<AzureBlock> ALL = List.of(
        new AzureBlock("abfs", "abfss", "abfss?", ".dfs.core.windows.net", "container_name", "storage_account_name"),
        new AzureBlock("wasb", "wasbs", "wasbs?", ".blob.core.windows.net", "container_name", "storage_account_name"),
        new AzureBlock("adl", "adl", "adl", ".azuredatalakestore.net", null, "storage_resource_name"));

    static Optional<AzureBlock> named(String block) {
      return ALL.stream().filter(b -> b.name.equals(block)).findFirst();
    }

    boolean literal(JsonNode b) {
      return Ref.isLiteral(b.get(accountField)) && (containerField == null || Ref.isLiteral(b.get(containerField)))
          && (b.get("directory") == null || Ref.isLiteral(b.get("directory")));
    }

    String url(JsonNode b) {
      return scheme + "://" + (containerField == null ? "" : b.get(containerField).asText() + "@")
          + b.get(accountField).asText() + hostSuffix + b.path("directory").asText("");
    }

    /** Groups: container (when the block has one), account, directory. */
    Pattern pattern() {
      return Pattern.compile("^" + schemePattern + "://" + (containerField == null ? "" : "([^@/]+)@") + "([^./]+)"
          + Pattern.quote(hostSuffix) + "(/.*)?$");
    }

    /** The block's fields for {@code url} (which matches {@link #pattern}); credentials are left as they are. */
    void relocate(ObjectNode block, String url) {
      Matcher m = pattern().matcher(url);
      if (!m.matches()) {
        throw new IllegalArgumentException(url);
      }
      int g = 1;
      if (containerField != null) {
        block.put(containerField, m.group(g++));
      }
      block.put(accountField, m.group(g++));
      String directory = m.group(g);
      if (directory == null || directory.isEmpty()) {
        block.remove("directory");
      } else {
        block.put("directory", directory);
      }
    }
  }

  private static void need(TranslationRun run, String address, String url) {
    Matcher m = ROOT.matcher(url);
    String root = (m.matches() ? m.group(1) : url) + "/";
    run.needs.add("storage " + root + " is " + Cloud.ofStorageUrl(url).map(Cloud::id).orElse("another cloud")
            + " storage", "storage: {" + Needs.quote(root) + ": \"<" + run.targetCloud().id() + " storage URL>\"}",
        address);
  }
}
