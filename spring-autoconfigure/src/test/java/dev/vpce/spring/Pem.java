package dev.vpce.spring;

import dev.vpce.testkit.TlsServer;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;

/** The kit's test CA as PEM text, for a Boot SSL bundle ({@code spring.ssl.bundle.pem.*.truststore.certificate}). */
final class Pem {
  private Pem() {}

  static String trustedCa(TlsServer tls) {
    try {
      byte[] der = tls.trustManager().getAcceptedIssuers()[0].getEncoded();
      String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
      return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
