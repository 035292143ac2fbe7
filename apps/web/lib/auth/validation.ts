/**
 * Field checks the sign-in and sign-up forms run before sending anything. The server (Better
 * Auth) checks again; these only make the common mistakes quick and clear to fix.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const NAME_MAX_LENGTH = 100;

/** Why a new password is refused beyond its length, with the words the form shows. */
export const PASSWORD_PROBLEMS = {
  PASSWORD_ONLY_WHITESPACE: "Use letters, digits or symbols, not only spaces.",
  PASSWORD_ONE_CHARACTER: "Use more than one character, repeated.",
  PASSWORD_TOO_COMMON:
    "This is one of the most common passwords and easy to guess. Choose another.",
} as const;
export type PasswordProblem = keyof typeof PASSWORD_PROBLEMS;

/**
 * The rules on a new password that need no list: not only whitespace, not one character repeated
 * ("        ", "aaaaaaaa"). Checked by the form and again by the server (create-auth.ts), which
 * also refuses common passwords (common-passwords.ts).
 */
export function passwordShapeProblem(password: string): PasswordProblem | undefined {
  if (password.trim() === "") return "PASSWORD_ONLY_WHITESPACE";
  if (new Set(password).size === 1) return "PASSWORD_ONE_CHARACTER";
  return undefined;
}

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
  const name = checkName(input.name);
  if (name) errors.name = name;
  const email = checkEmail(input.email);
  if (email) errors.email = email;
  const password = checkNewPassword(input.password);
  if (password) errors.password = password;
  return errors;
}

/** A person's name, at sign-up and on the account page: 1..NAME_MAX_LENGTH characters, trimmed. */
export function checkName(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === "") return "Enter your name.";
  if (trimmed.length > NAME_MAX_LENGTH) return `Use at most ${NAME_MAX_LENGTH} characters.`;
  return undefined;
}

/**
 * A new password, at sign-up and on the account page: the length and shape rules (the server
 * adds the common-password list, create-auth.ts).
 */
export function checkNewPassword(password: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH)
    return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const problem = passwordShapeProblem(password);
  return problem ? PASSWORD_PROBLEMS[problem] : undefined;
}
