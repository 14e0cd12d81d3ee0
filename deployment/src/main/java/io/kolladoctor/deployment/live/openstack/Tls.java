package io.kolladoctor.deployment.live.openstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS trust of one cloud: the JDK's trust store by default; only the CA bundle of {@code cacert} when set
 * (as python-requests does with {@code verify=<bundle>}); no verification at all only when the operator turned it
 * off ({@code verify: false}, {@code OS_INSECURE=true}). Host names are checked in the first two cases.
 */
final class Tls {

    private Tls() {
    }

    static SSLContext context(CloudCredentials credentials) throws CredentialsException {
        try {
            if (!credentials.verify()) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new TrustingEverything()}, null);
                return context;
            }
            if (credentials.cacert() == null) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            Collection<? extends Certificate> certificates;
            try (InputStream in = Files.newInputStream(credentials.cacert())) {
                certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certificates.isEmpty()) {
                throw new CredentialsException("cacert " + credentials.cacert() + " holds no certificate");
            }
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new CredentialsException("cannot read cacert " + credentials.cacert() + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CredentialsException("cacert " + credentials.cacert() + " is not a PEM/DER certificate bundle: "
                    + e.getMessage(), e);
        }
    }

    /**
     * {@code verify: false}. An {@link X509ExtendedTrustManager} (not a plain X509TrustManager, which JSSE would wrap
     * with a host name check) so that neither the chain nor the host name is checked — what the operator asked for.
     */
    private static final class TrustingEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
