import { startBackground } from "./src/background";

startBackground();
