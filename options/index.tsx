import { Options } from "../src/ui/Options";

export default Options;
