package dev.anzen.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Run by {@link FastExitTest} in a JVM of its own: does socket I/O on a virtual thread (which starts the JDK's I/O
 * poller, the thread the JVM waits for at exit), leaves unflushed output, then ends through {@link FastExit} with
 * code 7. A shutdown hook says whether the JVM's ordinary exit ran.
 */
public final class FastExitProbe {
    private FastExitProbe() {
    }

    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.print(" hook")));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread client = Thread.ofVirtual().start(() -> {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                    OutputStream out = s.getOutputStream();
                    out.write('x');
                    out.flush();
                    InputStream in = s.getInputStream();
                    if (in.read() != 'y') {
                        throw new IllegalStateException("no reply");
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket peer = server.accept()) {
                if (peer.getInputStream().read() != 'x') {
                    throw new IllegalStateException("no request");
                }
                peer.getOutputStream().write('y');
                peer.getOutputStream().flush();
            }
            client.join();
        }
        System.out.print("talked"); // no newline and no flush: FastExit must flush it
        FastExit.exit(7);
    }
}
