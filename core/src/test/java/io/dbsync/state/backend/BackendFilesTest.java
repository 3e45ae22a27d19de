package io.dbsync.state.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing backend files (HCL and JSON) into backend configs, and the errors for bad ones. */
class BackendFilesTest {
  static final Map<String, String> NO_ENV = Map.of();

  static BackendBlock hcl(String text) throws InvalidBackendFileException {
    return BackendFiles.parse("backend.tf", text);
  }

  static BackendBlock json(String text) throws InvalidBackendFileException {
    return BackendFiles.parse("backend.tf.json", text);
  }

  static String hclError(String text) {
    return assertThrows(InvalidBackendFileException.class, () -> hcl(text)).getMessage();
  }

  static void assertOneLine(String message) {
    assertEquals(1, message.lines().count(), message);
  }

  @Test
  void hclS3BlockWithCommentsAndTypes() throws Exception {
    BackendBlock block = hcl("""
        # leading comment
        // another
        /* a block
           comment */
        terraform {
          required_version = ">= 1.5"
          required_providers {
            databricks = { source = "databricks/databricks", version = "~> 1.0" }
          }
          backend "s3" {
            bucket  = "my-bucket" # trailing comment
            key     = "env/prod/terraform.tfstate"
            region  = "eu-west-1"
            encrypt = true
            max_retries = 5
            ratio = -1.5e2
            allowed_account_ids = ["123", "456"]
            escaped = "a\\"b\\\\c\\u00e9 $${literal}"
            endpoints {
              s3 = "https://s3.example.test"
            }
          }
        }
        provider "databricks" {
          host = var.host
          token = "${var.token}"
          config = <<EOT
        anything { goes "here"
        EOT
        }
        """);
    assertEquals("s3", block.type());
    assertEquals("my-bucket", block.requiredString("bucket"));
    assertEquals(true, block.optionalBool("encrypt").orElseThrow());
    assertEquals(new BigDecimal("5"), block.attributes().get("max_retries"));
    assertEquals(0, new BigDecimal("-150").compareTo((BigDecimal) block.attributes().get("ratio")));
    assertEquals(List.of("123", "456"), block.attributes().get("allowed_account_ids"));
    assertEquals("a\"b\\cé ${literal}", block.attributes().get("escaped"));
    S3BackendConfig s3 = S3BackendConfig.from(block, NO_ENV);
    assertEquals(new S3BackendConfig("my-bucket", "env/prod/terraform.tfstate", "eu-west-1",
        URI.create("https://s3.example.test"), false), s3);
    assertEquals("env/prod/terraform.tfstate.lock", s3.lockKey());
  }

  @Test
  void s3EndpointFormsRegionFromEnvAndPathStyle() throws Exception {
    S3BackendConfig legacy = S3BackendConfig.from(hcl("""
        terraform {
          backend "s3" {
            bucket = "b"
            key = "k"
            endpoint = "http://127.0.0.1:9000"
          }
        }
        """), Map.of("AWS_DEFAULT_REGION", "us-west-2"));
    assertEquals("us-west-2", legacy.region());
    assertEquals(URI.create("http://127.0.0.1:9000"), legacy.endpoint());
    assertTrue(legacy.pathStyle(), "an IP endpoint defaults to path style");

    S3BackendConfig objectForm = S3BackendConfig.from(hcl("""
        terraform { backend "s3" {
          bucket = "b"
          key = "k"
          region = "r"
          endpoints = { s3 = "https://minio.internal:9000" }
          force_path_style = true
        } }
        """), NO_ENV);
    assertEquals(URI.create("https://minio.internal:9000"), objectForm.endpoint());
    assertTrue(objectForm.pathStyle());

    S3BackendConfig aws = S3BackendConfig.from(hcl("""
        terraform { backend "s3" {
          bucket = "b"
          key = "k"
          use_path_style = false
          profile = "prod"
          dynamodb_table = "legacy-locks"
        } }
        """), Map.of("AWS_REGION", "ap-south-1"));
    assertEquals("prod", aws.profile());
    assertNull(aws.endpoint());
    assertFalse(aws.pathStyle());
    assertEquals("ap-south-1", aws.region());
  }

  @Test
  void hclAzurermBlock() throws Exception {
    AzureBackendConfig az = AzureBackendConfig.from(hcl("""
        terraform {
          backend "azurerm" {
            resource_group_name  = "rg"
            storage_account_name = "acct"
            container_name       = "tfstate"
            key                  = "prod.terraform.tfstate"
          }
        }
        """), Map.of("ARM_ACCESS_KEY", "a2V5"));
    assertEquals(URI.create("https://acct.blob.core.windows.net"), az.blobEndpoint());
    assertEquals("https://acct.blob.core.windows.net/tfstate/prod.terraform.tfstate",
        az.describe());
    assertEquals("a2V5", az.accessKey());
    assertFalse(az.toString().contains("a2V5"), "no key in toString");

    AzureBackendConfig azurite = AzureBackendConfig.from(hcl("""
        terraform {
          backend "azurerm" {
            storage_account_name = "devacct"
            container_name       = "c"
            key                  = "k"
            endpoint             = "http://127.0.0.1:10000"
          }
        }
        """), Map.of("ARM_SAS_TOKEN", "?sv=1&sig=x"));
    assertEquals(URI.create("http://127.0.0.1:10000/devacct"), azurite.blobEndpoint());
    assertEquals("sv=1&sig=x", azurite.sasToken());
    assertNull(azurite.accessKey());
  }

  @Test
  void jsonForms() throws Exception {
    BackendBlock object = json("""
        {"//": "comment", "terraform": {"backend": {"s3": {
          "bucket": "b", "key": "k", "region": "r", "use_path_style": true,
          "endpoints": {"s3": "http://localhost:9000"}}}}}
        """);
    S3BackendConfig s3 = S3BackendConfig.from(object, NO_ENV);
    assertEquals(new S3BackendConfig("b", "k", "r", URI.create("http://localhost:9000"), true),
        s3);
    BackendBlock arrays = json("""
        {"terraform": [{"required_version": ">= 1"},
                       {"backend": [{"azurerm": [{"storage_account_name": "a",
                         "container_name": "c", "key": "k"}]}]}]}
        """);
    assertEquals("azurerm", arrays.type());
    assertEquals("c", arrays.requiredString("container_name"));
  }

  @Test
  void readsFilesByExtension(@TempDir Path dir) throws Exception {
    Path tf = dir.resolve("backend.tf");
    Files.writeString(tf, "terraform {\n backend \"s3\" {\n bucket = \"x\"\n key = \"y\"\n }\n}\n");
    assertEquals("x", BackendFiles.read(tf).requiredString("bucket"));
    Path tfJson = dir.resolve("backend.tf.json");
    Files.writeString(tfJson, "{\"terraform\":{\"backend\":{\"s3\":{\"bucket\":\"j\"}}}}");
    assertEquals("j", BackendFiles.read(tfJson).requiredString("bucket"));
    InvalidBackendFileException missing = assertThrows(InvalidBackendFileException.class,
        () -> BackendFiles.read(dir.resolve("nope.tf")));
    assertTrue(missing.getMessage().endsWith("nope.tf: backend file not found"),
        missing.getMessage());
  }

  @Test
  void malformedHclGivesOneLinePositionedErrors() {
    String unclosed = hclError("terraform {\n  backend \"s3\" {\n    bucket = \"b\"\n");
    assertOneLine(unclosed);
    assertTrue(unclosed.startsWith("backend.tf:4:1: unexpected end of file"), unclosed);

    String noEquals = hclError("terraform {\n  backend \"s3\" {\n    bucket \"b\"\n  }\n}\n");
    assertEquals("backend.tf:3:12: expected '=' or '{' after \"bucket\", found \"b\"", noEquals);

    String unterminated = hclError("terraform {\n  backend \"s3\" {\n    bucket = \"b\n  }\n}\n");
    assertEquals("backend.tf:3:14: unterminated string: missing closing '\"'", unterminated);

    String reference = hclError(
        "terraform {\n  backend \"s3\" {\n    bucket = var.bucket\n  }\n}\n");
    assertTrue(reference.startsWith("backend.tf:3:14: \"bucket\": only literal values"),
        reference);

    String template = hclError(
        "terraform {\n  backend \"s3\" {\n    key = \"${var.env}/state\"\n  }\n}\n");
    assertTrue(template.startsWith("backend.tf:3:11: \"key\": interpolation"), template);

    String twoOnALine = hclError(
        "terraform {\n  backend \"s3\" {\n    bucket = \"b\" key = \"k\"\n  }\n}\n");
    assertTrue(twoOnALine.startsWith("backend.tf:3:18: unexpected 'key'"), twoOnALine);

    String duplicate = hclError(
        "terraform {\n  backend \"s3\" {\n    key = \"a\"\n    key = \"b\"\n  }\n}\n");
    assertEquals("backend.tf:4:5: \"key\" is set more than once", duplicate);

    String noLabel = hclError("terraform {\n  backend {\n  }\n}\n");
    assertTrue(noLabel.startsWith("backend.tf:2:3: a backend block needs exactly one label"),
        noLabel);

    String comment = hclError("/* never closed\nterraform {}\n");
    assertEquals("backend.tf:1:1: unterminated /* comment", comment);

    String twoBackends = hclError("""
        terraform {
          backend "s3" {
          }
        }
        terraform {
          backend "azurerm" {
          }
        }
        """);
    assertTrue(twoBackends.startsWith("backend.tf:6:3: more than one backend block"),
        twoBackends);

    String none = hclError("provider \"aws\" {\n  region = \"x\"\n}\n");
    assertEquals("backend.tf: no terraform { backend \"...\" { ... } } block found", none);
  }

  @Test
  void malformedJsonGivesOneLinePositionedErrors() {
    String broken = assertThrows(InvalidBackendFileException.class,
        () -> json("{\"terraform\": {\"backend\": {\"s3\": {\"bucket\": }}}}")).getMessage();
    assertOneLine(broken);
    assertTrue(broken.startsWith("backend.tf.json:1:"), broken);
    assertTrue(broken.contains("invalid JSON"), broken);

    String notObject = assertThrows(InvalidBackendFileException.class,
        () -> json("[1, 2]")).getMessage();
    assertEquals("backend.tf.json: expected a JSON object at the top level", notObject);

    String badBlock = assertThrows(InvalidBackendFileException.class,
        () -> json("{\"terraform\": {\"backend\": \"s3\"}}")).getMessage();
    assertEquals("backend.tf.json: \"terraform.backend\" must be an object or an array of"
        + " objects", badBlock);

    String none = assertThrows(InvalidBackendFileException.class,
        () -> json("{\"provider\": {}}")).getMessage();
    assertTrue(none.startsWith("backend.tf.json: no {\"terraform\""), none);
  }

  @Test
  void missingOrWrongAttributesAreNamed() throws Exception {
    String noBucket = assertThrows(InvalidBackendFileException.class, () -> S3BackendConfig.from(
        hcl("terraform {\n backend \"s3\" {\n key = \"k\"\n region = \"r\"\n }\n}\n"), NO_ENV))
        .getMessage();
    assertEquals("backend.tf: backend \"s3\" is missing required attribute \"bucket\"",
        noBucket);

    String noRegion = assertThrows(InvalidBackendFileException.class, () -> S3BackendConfig.from(
        hcl("terraform {\n backend \"s3\" {\n bucket = \"b\"\n key = \"k\"\n }\n}\n"), NO_ENV))
        .getMessage();
    assertTrue(noRegion.contains("no region"), noRegion);

    String wrongType = assertThrows(InvalidBackendFileException.class, () -> S3BackendConfig.from(
        hcl("terraform {\n backend \"s3\" {\n bucket = \"b\"\n key = \"k\"\n region = \"r\"\n"
            + " use_path_style = \"yes\"\n }\n}\n"), NO_ENV)).getMessage();
    assertEquals("backend.tf: backend \"s3\" attribute \"use_path_style\" must be a bool (true"
        + " or false), not the string \"yes\"", wrongType);

    String badEndpoint = assertThrows(InvalidBackendFileException.class,
        () -> S3BackendConfig.from(hcl("terraform {\n backend \"s3\" {\n bucket = \"b\"\n"
            + " key = \"k\"\n region = \"r\"\n endpoint = \"localhost:9000\"\n }\n}\n"), NO_ENV))
        .getMessage();
    assertTrue(badEndpoint.contains("is not a URL"), badEndpoint);

    String assumeRole = assertThrows(InvalidBackendFileException.class,
        () -> S3BackendConfig.from(hcl("terraform {\n backend \"s3\" {\n bucket = \"b\"\n"
            + " key = \"k\"\n region = \"r\"\n assume_role {\n role_arn = \"arn\"\n }\n"
            + " }\n}\n"), NO_ENV)).getMessage();
    assertTrue(assumeRole.startsWith("backend.tf: backend \"s3\" attribute \"assume_role\" is"
        + " not supported"), assumeRole);

    String noContainer = assertThrows(InvalidBackendFileException.class,
        () -> AzureBackendConfig.from(hcl("terraform {\n backend \"azurerm\" {\n"
            + " storage_account_name = \"a\"\n key = \"k\"\n }\n}\n"),
            Map.of("ARM_ACCESS_KEY", "x"))).getMessage();
    assertEquals("backend.tf: backend \"azurerm\" is missing required attribute"
        + " \"container_name\"", noContainer);

    String noCredentials = assertThrows(InvalidBackendFileException.class,
        () -> AzureBackendConfig.from(hcl("terraform {\n backend \"azurerm\" {\n"
            + " storage_account_name = \"a\"\n container_name = \"c\"\n key = \"k\"\n }\n}\n"),
            NO_ENV)).getMessage();
    assertTrue(noCredentials.contains("ARM_ACCESS_KEY") && noCredentials.contains("ARM_SAS_TOKEN"),
        noCredentials);
  }

  @Test
  void unsupportedBackendTypeIsRejectedByTheFactory(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("backend.tf");
    Files.writeString(file, "terraform {\n  backend \"gcs\" {\n    bucket = \"b\"\n  }\n}\n");
    String message = assertThrows(InvalidBackendFileException.class,
        () -> StateBackends.fromBackendFile(file, NO_ENV)).getMessage();
    assertEquals(file + ": backend \"gcs\" is not supported (supported: s3, azurerm)", message);
  }
}
