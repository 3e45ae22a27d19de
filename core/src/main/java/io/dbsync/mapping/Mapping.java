package io.dbsync.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.Cloud;
import io.dbsync.tf.config.DesiredConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The mapping file of a move across clouds or accounts (see the README, "Migrating across clouds and
 * accounts"): node types, cloud attribute defaults, instance profiles, storage prefixes, principal
 * renames, workspace path prefixes, and the policy for principals the target lacks.
 *
 * <pre>
 *   Mapping m = Mapping.load(Path.of("mapping.yaml"));
 *   Target t = Target.of(Cloud.AWS, Cloud.AZURE, PrincipalDirectory.list(client));
 *   List&lt;Need&gt; needs = m.unmapped(config, t);    // what the file lacks, with the entry to add
 *   Translation done = m.translate(config, t);       // the configuration as the target must get it
 * </pre>
 *
 * Immutable; one mapping may translate any number of configurations.
 */
public final class Mapping {
  private static final String TEMPLATE = "/io/dbsync/mapping/mapping-template.yaml";
  private static final Mapping NONE = new Mapping(null, Map.of(), Map.of(), Map.of(), Map.of(), PrincipalRenames.NONE,
      Map.of(), PrincipalPolicy.CREATE, null);

  private final String source;
  private final Map<String, String> nodeTypes;
  private final Map<Cloud, ObjectNode> cloudAttributes;
  private final Map<String, ProfileTarget> instanceProfiles;
  private final Map<String, String> storage;
  private final PrincipalRenames principals;
  private final Map<String, String> workspacePaths;
  private final PrincipalPolicy missingPrincipals;
  private final String fallbackOwner;

  Mapping(String source, Map<String, String> nodeTypes, Map<Cloud, ObjectNode> cloudAttributes,
          Map<String, ProfileTarget> instanceProfiles, Map<String, String> storage, PrincipalRenames principals,
          Map<String, String> workspacePaths, PrincipalPolicy missingPrincipals, String fallbackOwner) {
    this.source = source;
    this.nodeTypes = Map.copyOf(nodeTypes);
    Map<Cloud, ObjectNode> attrs = new EnumMap<>(Cloud.class);
    cloudAttributes.forEach((c, o) -> attrs.put(c, o.deepCopy()));
    this.cloudAttributes = attrs;
    this.instanceProfiles = Map.copyOf(instanceProfiles);
    this.storage = Map.copyOf(storage);
    this.principals = principals;
    this.workspacePaths = Map.copyOf(workspacePaths);
    this.missingPrincipals = missingPrincipals;
    this.fallbackOwner = fallbackOwner;
  }

  /** No file: the bundled node type table and the defaults only. */
  public static Mapping none() {
    return NONE;
  }

  /** Reads a mapping file; a missing file, bad YAML or an unknown key is a one-line MappingException. */
  public static Mapping load(Path file) throws MappingException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new MappingException("mapping file not found: " + file);
    } catch (IOException e) {
      throw new MappingException("cannot read mapping file " + file + ": " + e.getMessage(), e);
    }
    return MappingFile.parse(text, file.toString());
  }

  /** Parses mapping YAML; {@code where} names it in messages (null: nothing). */
  public static Mapping parse(String yaml, String where) throws MappingException {
    return MappingFile.parse(yaml, where);
  }

  /** This mapping with the run's flags: a non-null policy or fallback owner replaces the file's. */
  public Mapping withPrincipalPolicy(PrincipalPolicy policy, String fallback) {
    return new Mapping(source, nodeTypes, cloudAttributes, instanceProfiles, storage, principals, workspacePaths,
        policy == null ? missingPrincipals : policy, fallback == null ? fallbackOwner : fallback);
  }

  /**
   * The configuration as the target must receive it: every resource with the mapping applied, resources
   * that cannot exist in the target (instance profiles on Azure or GCP, principals dropped by the
   * policy, and what only refers to them) left out. {@link Translation#needs()} lists what the file
   * lacks; a caller must not write anything while it is not empty.
   */
  public Translation translate(DesiredConfig config, Target target) {
    return new ConfigTranslator(this, target).translate(config);
  }

  /** What this mapping lacks for {@code config} (empty when the import can go ahead). */
  public List<Need> unmapped(DesiredConfig config, Target target) {
    return translate(config, target).needs();
  }

  /** True when the policy needs the target's principals listed (anything but create without fallback owner). */
  public boolean needsPrincipalListing() {
    return missingPrincipals != PrincipalPolicy.CREATE || fallbackOwner != null;
  }

  /** The file this mapping was read from (null: none). */
  public String source() {
    return source;
  }

  public Map<String, String> nodeTypes() {
    return nodeTypes;
  }

  /** Defaults for the attribute block of each target cloud (copies). */
  public ObjectNode cloudAttributes(Cloud cloud) {
    ObjectNode o = cloudAttributes.get(cloud);
    return o == null ? null : o.deepCopy();
  }

  public Map<String, ProfileTarget> instanceProfiles() {
    return instanceProfiles;
  }

  public Map<String, String> storage() {
    return storage;
  }

  public PrincipalRenames principals() {
    return principals;
  }

  public Map<String, String> workspacePaths() {
    return workspacePaths;
  }

  public PrincipalPolicy missingPrincipals() {
    return missingPrincipals;
  }

  /** The owner given to jobs and pipelines whose owner the target lacks (null: none configured). */
  public String fallbackOwner() {
    return fallbackOwner;
  }

  /** The commented template {@code init --mapping} writes. */
  public static String template() {
    try (InputStream in = Mapping.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + TEMPLATE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
