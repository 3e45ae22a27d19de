package io.dbsync.testing;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;
import org.bouncycastle.bcpg.ArmoredOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Date;

/**
 * A throwaway OpenPGP key pair made at test time (a private key is never committed): an RSA primary
 * key that certifies and signs and an RSA subkey that encrypts, as gpg makes them, the secret keys
 * protected by a passphrase (AES-256, iterated and salted S2K).
 */
public final class PgpTestKeys {
  /** The armored public key ring and the armored secret key ring. */
  public record KeyPair(byte[] publicKey, byte[] secretKey, String passphrase) {
    /** Writes public.asc and secret.asc into dir; returns dir. */
    public Path writeTo(Path dir) {
      try {
        Files.createDirectories(dir);
        Files.write(dir.resolve("public.asc"), publicKey);
        Files.write(dir.resolve("secret.asc"), secretKey);
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private PgpTestKeys() {}

  public static KeyPair generate(String userId, String passphrase) {
    try {
      Date now = new Date();
      PGPKeyPair primary = new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL, rsa(), now);
      PGPKeyPair encryption = new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL, rsa(), now);
      PGPSignatureSubpacketGenerator primaryFlags = new PGPSignatureSubpacketGenerator();
      primaryFlags.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
      PGPSignatureSubpacketGenerator subkeyFlags = new PGPSignatureSubpacketGenerator();
      subkeyFlags.setKeyFlags(false, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
      PGPDigestCalculator sha1 = new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1);
      PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary, userId, sha1,
          primaryFlags.generate(), null,
          new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256),
          new BcPBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256, sha1).build(passphrase.toCharArray()));
      rings.addSubKey(encryption, subkeyFlags.generate(), null);
      ByteArrayOutputStream pub = new ByteArrayOutputStream();
      try (ArmoredOutputStream out = ArmoredOutputStream.builder().clearHeaders().build(pub)) {
        rings.generatePublicKeyRing().encode(out);
      }
      ByteArrayOutputStream sec = new ByteArrayOutputStream();
      try (ArmoredOutputStream out = ArmoredOutputStream.builder().clearHeaders().build(sec)) {
        rings.generateSecretKeyRing().encode(out);
      }
      return new KeyPair(pub.toByteArray(), sec.toByteArray(), passphrase);
    } catch (PGPException | IOException e) {
      throw new IllegalStateException("test key generation failed", e);
    }
  }

  private static org.bouncycastle.crypto.AsymmetricCipherKeyPair rsa() {
    RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
    generator.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), new SecureRandom(), 2048, 80));
    return generator.generateKeyPair();
  }
}
