package dev.parley;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "Parley", version = "1.0",
        description = "Real-time chat on Server-Sent Events: rooms, members, messages and a live event stream."))
public class ParleyApplication extends Application {
}
