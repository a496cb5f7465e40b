namespace AlertBot.Extraction;
