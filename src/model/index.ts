export * from "./item";
export * from "./profile";
export * from "./finding";
export * from "./records";
