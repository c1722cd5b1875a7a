import { Welcome } from "../src/ui/Welcome";

export default Welcome;
