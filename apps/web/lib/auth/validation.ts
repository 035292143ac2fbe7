/**
 * Field checks the sign-in and sign-up forms run before sending anything. The server (Better
 * Auth) checks again; these only make the common mistakes quick and clear to fix.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const NAME_MAX_LENGTH = 100;

export type SignInField = "email" | "password";
export type SignUpField = "name" | SignInField;
export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

// Deliberately loose (something@something.tld): the server's check is the real one.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(email: string): string | undefined {
  if (email.trim() === "") return "Enter your email address.";
  if (!EMAIL_SHAPE.test(email.trim())) return "Enter an email address like name@example.com.";
  return undefined;
}

export function validateSignIn(input: {
  email: string;
  password: string;
}): FieldErrors<SignInField> {
  const errors: FieldErrors<SignInField> = {};
  const email = checkEmail(input.email);
  if (email) errors.email = email;
  if (input.password === "") errors.password = "Enter your password.";
  return errors;
}

export function validateSignUp(input: {
  name: string;
  email: string;
  password: string;
}): FieldErrors<SignUpField> {
  const errors: FieldErrors<SignUpField> = {};
  const name = input.name.trim();
  if (name === "") errors.name = "Enter your name.";
  else if (name.length > NAME_MAX_LENGTH) {
    errors.name = `Use at most ${NAME_MAX_LENGTH} characters.`;
  }
  const email = checkEmail(input.email);
  if (email) errors.email = email;
  if (input.password.length < PASSWORD_MIN_LENGTH) {
    errors.password = `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  } else if (input.password.length > PASSWORD_MAX_LENGTH) {
    errors.password = `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  }
  return errors;
}
