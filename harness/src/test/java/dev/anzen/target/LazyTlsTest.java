package dev.anzen.target;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;
import org.apache.hc.core5.http.protocol.BasicHttpContext;
import org.junit.jupiter.api.Test;

/** TLS is set up on the first https connection, not at start-up, and then is Apache's own default strategy. */
class LazyTlsTest {

    @Test
    void theTlsStrategyIsMadeOnTheFirstUpgradeAndThenHandshakesForReal() throws Exception {
        AnzenHttpClient.LazyTls tls = new AnzenHttpClient.LazyTls();
        assertFalse(tls.made(), "nothing is made before an https connection");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread plain = Thread.ofVirtual().start(() -> {
                // a server that answers the ClientHello with plain HTTP: the handshake must fail, not be skipped
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    s.getInputStream().read(new byte[512]);
                    out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // the client may close first
                }
            });
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                IOException e = assertThrows(IOException.class,
                        () -> tls.upgrade(socket, "localhost", server.getLocalPort(), null, new BasicHttpContext()));
                assertInstanceOf(SSLException.class, e, e::toString);
            }
            plain.join();
        }
        assertTrue(tls.made());
    }
}
