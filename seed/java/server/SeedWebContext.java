import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.MutablePropertyValues;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.mvc.support.DefaultHandlerExceptionResolver;

/**
 * Spring MVC's annotation stack (what @EnableWebMvc would set up) registered bean by bean: Debian's
 * Spring 4.3 cannot CGLIB-enhance @Configuration classes on its packaged ASM, so no @Configuration is
 * used. Async support is left at the container's defaults (no AsyncSupportConfigurer timeout), which
 * is what the default SseEmitter constructor falls back to (OBS-1).
 */
final class SeedWebContext {
  static StaticWebApplicationContext create() {
    StaticWebApplicationContext context = new StaticWebApplicationContext();
    List<HttpMessageConverter<?>> converters = new ArrayList<>();
    StringHttpMessageConverter strings = new StringHttpMessageConverter(StandardCharsets.UTF_8);
    strings.setWriteAcceptCharset(false);
    converters.add(strings);
    converters.add(new MappingJackson2HttpMessageConverter());
    context.registerSingleton("handlerMapping", RequestMappingHandlerMapping.class);
    context.registerSingleton("handlerAdapter", RequestMappingHandlerAdapter.class, new MutablePropertyValues().add("messageConverters", converters));
    context.registerSingleton("exceptionHandlerResolver", ExceptionHandlerExceptionResolver.class, new MutablePropertyValues().add("messageConverters", converters));
    context.registerSingleton("defaultExceptionResolver", DefaultHandlerExceptionResolver.class);
    context.registerSingleton("streamController", StreamController.class);
    context.registerSingleton("articleController", ArticleController.class);
    return context;
  }

  private SeedWebContext() {}
}
