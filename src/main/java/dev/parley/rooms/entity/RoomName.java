package dev.parley.rooms.entity;

import dev.parley.chat.Names;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A room name per {@link Names#isRoom}. */
@Documented
@Constraint(validatedBy = RoomName.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface RoomName {

    String message() default "room must be 1 to 32 of a-z, 0-9 and '-', starting with a letter or digit";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<RoomName, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return Names.isRoom(value);
        }
    }
}
