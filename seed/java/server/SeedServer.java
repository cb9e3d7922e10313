import java.io.File;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.apache.tomcat.websocket.server.WsSci;
import org.springframework.core.SpringVersion;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The article's server stack, embedded: Tomcat 9 with Spring MVC 4.3's DispatcherServlet (the
 * SseEmitter controllers) and Tomcat's JSR-356 WebSocket endpoints on the same connector.
 *
 * Usage: SeedServer [--host 127.0.0.1] [--port 0] [--async-timeout-ms N]
 * Prints one line `SEED-SERVER READY {json}` on stdout once listening (url, port, versions, the
 * connector's async timeout); the harness starts it like its own servers, on port 0.
 * --async-timeout-ms overrides the connector's asyncTimeout (Tomcat's default is left alone otherwise).
 */
public final class SeedServer {
  public static void main(String[] args) throws Exception {
    String host = "127.0.0.1";
    int port = 0;
    Long asyncTimeoutMs = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--host": host = args[++i]; break;
        case "--port": port = Integer.parseInt(args[++i]); break;
        case "--async-timeout-ms": asyncTimeoutMs = Long.parseLong(args[++i]); break;
        default: throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Logger.getLogger("org.apache").setLevel(Level.WARNING);
    File base = Files.createTempDirectory("seed-tomcat").toFile();
    base.deleteOnExit();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.getAbsolutePath());
    Connector connector = new Connector("HTTP/1.1");
    connector.setPort(port);
    connector.setProperty("address", host);
    if (asyncTimeoutMs != null) connector.setAsyncTimeout(asyncTimeoutMs);
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);

    Context context = tomcat.addContext("", base.getAbsolutePath());
    Set<Class<?>> endpoints = new HashSet<>();
    endpoints.add(WsStreamEndpoint.class);
    endpoints.add(WsLlmEndpoint.class);
    context.addServletContainerInitializer(new WsSci(), endpoints);
    Wrapper dispatcher = Tomcat.addServlet(context, "dispatcher", new DispatcherServlet(SeedWebContext.create()));
    dispatcher.setAsyncSupported(true);
    dispatcher.setLoadOnStartup(1);
    context.addServletMappingDecoded("/", "dispatcher");
    tomcat.start();

    int localPort = connector.getLocalPort();
    String hostPart = host.contains(":") ? "[" + host + "]" : host;
    System.out.println("SEED-SERVER READY {\"url\":\"http://" + hostPart + ":" + localPort + "/stream\",\"port\":" + localPort
        + ",\"spring\":\"" + SpringVersion.getVersion() + "\",\"tomcat\":\"" + ServerInfo.getServerNumber()
        + "\",\"java\":\"" + System.getProperty("java.version") + "\",\"asyncTimeoutMs\":" + connector.getAsyncTimeout()
        + ",\"emitterTimeout\":\"" + Emitters.DEFAULT_CHOICE + "\",\"sendThreads\":" + SendPool.THREADS + "}");
    System.out.flush();
    tomcat.getServer().await();
  }
}
